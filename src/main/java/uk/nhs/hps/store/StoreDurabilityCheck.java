package uk.nhs.hps.store;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.transaction.TransactionOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * At start, reads how the live database commits: an H2 file that delays writes is refused (what the
 * service acknowledges must survive kill -9), and a PostgreSQL server that may drop committed work on a
 * crash is reported, since that is the database administrator's setting rather than ours.
 */
@Context
class StoreDurabilityCheck {

    private static final Logger LOG = LoggerFactory.getLogger(StoreDurabilityCheck.class);

    StoreDurabilityCheck(TransactionOperations<Connection> connections) {
        connections.executeRead(status -> {
            try {
                check(status.getConnection());
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read the database's durability settings", e);
            }
            return null;
        });
    }

    private static void check(Connection connection) throws SQLException {
        String engine = connection.getMetaData().getDatabaseProductName();
        if ("H2".equals(engine)) {
            String path = single(connection, "SELECT DATABASE_PATH()");
            String delay = single(connection,
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = '" + DurableH2Url.SETTING + "'");
            if (path != null && delay != null && !"0".equals(delay.trim())) {
                throw new ConfigurationException("The H2 database file delays writes by " + delay + " ms"
                        + " (WRITE_DELAY), so a crash would lose work the service has already confirmed. Remove"
                        + " WRITE_DELAY from DATASOURCES_DEFAULT_URL (the service then uses WRITE_DELAY=0) or set it to 0.");
            }
        } else if ("PostgreSQL".equals(engine)) {
            List<String> weakened = new ArrayList<>();
            if ("off".equalsIgnoreCase(single(connection, "SHOW synchronous_commit"))) {
                weakened.add("synchronous_commit=off");
            }
            if ("off".equalsIgnoreCase(single(connection, "SHOW fsync"))) {
                weakened.add("fsync=off");
            }
            if (!weakened.isEmpty()) {
                LOG.warn("PostgreSQL runs with {}: a crash of the database server can lose commits the service has"
                        + " already confirmed; use the defaults (on) in production", String.join(" and ", weakened));
            }
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
