package uk.nhs.hps.audit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import uk.nhs.hps.support.TestDatabases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database itself refuses to change or remove audit rows, on H2 and on PostgreSQL. */
class AuditAppendOnlyTest {

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void auditRowsCanBeAddedButNeverChangedOrDeleted(TestDatabases.Kind kind) throws SQLException {
        Map<String, String> db = TestDatabases.properties(kind);
        Flyway.configure().dataSource(url(db), user(db), password(db)).locations("classpath:db/migration").load().migrate();

        try (Connection c = DriverManager.getConnection(url(db), user(db), password(db)); Statement s = c.createStatement()) {
            int added = s.executeUpdate("INSERT INTO audit_event (occurred_at, actor, action, detail) "
                    + "VALUES (CURRENT_TIMESTAMP, 'person:1', 'SUBJECT_ACCESS_EXPORT', 'test')");

            assertThat(added).isEqualTo(1);
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_event SET detail = 'rewritten'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_event"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
    }

    private static String url(Map<String, String> db) {
        return db.get("datasources.default.url");
    }

    private static String user(Map<String, String> db) {
        return db.get("datasources.default.username");
    }

    private static String password(Map<String, String> db) {
        return db.get("datasources.default.password");
    }
}
