package uk.nhs.hps.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import uk.nhs.hps.support.TestDatabases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Every migration applies cleanly, in order, on H2 (PostgreSQL mode) and on real PostgreSQL 17. */
class MigrationsTest {

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void allMigrationsApplyAndCreateTheCoreTables(TestDatabases.Kind kind) throws SQLException {
        Map<String, String> db = TestDatabases.properties(kind);

        MigrateResult result = flyway(db).migrate();

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isPositive();
        assertThat(tables(db)).contains("person", "teams_identity", "processed_activity", "audit_event");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void migratingAgainChangesNothingAndValidates(TestDatabases.Kind kind) {
        Map<String, String> db = TestDatabases.properties(kind);
        flyway(db).migrate();

        MigrateResult again = flyway(db).migrate();

        assertThat(again.migrationsExecuted).isZero();
        assertThat(flyway(db).validateWithResult().validationSuccessful).isTrue();
    }

    private static Flyway flyway(Map<String, String> db) {
        return Flyway.configure()
                .dataSource(db.get("datasources.default.url"), db.get("datasources.default.username"),
                        db.get("datasources.default.password"))
                .locations("classpath:db/migration")
                .load();
    }

    private static Set<String> tables(Map<String, String> db) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(db.get("datasources.default.url"),
                db.get("datasources.default.username"), db.get("datasources.default.password"));
             ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[]{"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase());
            }
        }
        return names;
    }
}
