package uk.nhs.hps.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What one commit costs on an H2 file with H2's 500 ms write delay (before) and with WRITE_DELAY=0 (what
 * the service now enforces): small auto-committed inserts, like the outbox's SENDING/SENT updates or an
 * activity claim, alternated over several rounds so neither side has a quiet machine to itself. Not a
 * test; prints its figures. Run with {@code ./mvnw -Pbench -DskipTests verify} (see README).
 */
public final class H2CommitBenchmark {

    private static final int COMMITS = 5_000;
    private static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            for (int delay : new int[] {500, 0}) {
                double micros = run(delay);
                System.out.printf("h2 commit benchmark round %d: WRITE_DELAY=%d -> %,d single-row commits, %.1f µs per commit%n",
                        round, delay, COMMITS, micros);
            }
        }
        System.exit(0);
    }

    private static double run(int writeDelay) throws Exception {
        Path directory = Files.createTempDirectory("hps-commit-bench");
        String url = "jdbc:h2:file:" + directory.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=" + writeDelay;
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE claim (id VARCHAR(64) PRIMARY KEY, at TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            insert(c, "warm", 500);
            long start = System.nanoTime();
            insert(c, "bench", COMMITS);
            return (System.nanoTime() - start) / 1e3 / COMMITS;
        }
    }

    private static void insert(Connection c, String prefix, int n) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO claim (id, at) VALUES (?, CURRENT_TIMESTAMP)")) {
            for (int i = 0; i < n; i++) {
                insert.setString(1, prefix + i);
                insert.executeUpdate(); // auto-commit: one commit per row
            }
        }
    }

    private H2CommitBenchmark() {
    }
}
