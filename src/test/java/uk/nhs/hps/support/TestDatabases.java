package uk.nhs.hps.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh, isolated databases for tests: an in-memory H2 in PostgreSQL mode, or a new database on one
 * embedded PostgreSQL 17 server shared by the whole test run.
 */
public final class TestDatabases {

    public enum Kind { H2, POSTGRES }

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    /** The database engine behind a context's connections, e.g. "PostgreSQL" or "H2". */
    public static String engine(io.micronaut.transaction.TransactionOperations<Connection> connections) {
        return connections.executeRead(status -> {
            try {
                return status.getConnection().getMetaData().getDatabaseProductName();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public static Map<String, String> properties(Kind kind) {
        return kind == Kind.H2 ? h2() : postgres();
    }

    public static Map<String, String> h2() {
        String name = "test" + COUNTER.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
        return Map.of(
                "datasources.default.url", "jdbc:h2:mem:" + name
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "datasources.default.username", "sa",
                "datasources.default.password", "",
                "datasources.default.driver-class-name", "org.h2.Driver");
    }

    /**
     * A fresh H2 database file in a temporary directory, with the options of the default URL in
     * application.yml (the service adds WRITE_DELAY=0 itself).
     */
    public static Map<String, String> h2File() {
        try {
            java.nio.file.Path directory = java.nio.file.Files.createTempDirectory("hps-h2-");
            return Map.of(
                    "datasources.default.url", "jdbc:h2:file:" + directory.resolve("hps")
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE",
                    "datasources.default.username", "sa",
                    "datasources.default.password", "",
                    "datasources.default.driver-class-name", "org.h2.Driver");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * For benchmarks only: puts back H2's own 500 ms write delay on a running file database, to measure
     * what durable commits cost against the behaviour before they were enforced.
     */
    public static void delayH2Writes(io.micronaut.transaction.TransactionOperations<Connection> connections) {
        connections.executeWrite(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                s.execute("SET WRITE_DELAY 500");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    public static Map<String, String> postgres() {
        EmbeddedPostgres server = server();
        String name = "hps_" + COUNTER.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "datasources.default.url", server.getJdbcUrl("postgres", name),
                "datasources.default.username", "postgres",
                "datasources.default.password", "postgres",
                "datasources.default.driver-class-name", "org.postgresql.Driver");
    }

    private static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting anyway
                }
            }));
        }
        return postgres;
    }
}
