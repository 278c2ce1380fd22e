package uk.nhs.hps.scheduling;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import uk.nhs.hps.support.TestDatabases;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Quartz really starts on the clustered JDBC store, on H2 and on PostgreSQL, and registers its cron jobs. */
class QuartzSchedulerTest {

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void schedulerStartsClusteredAndRegistersItsJobsInTheQrtzTables(TestDatabases.Kind kind) throws Exception {
        Map<String, Object> properties = new HashMap<>(TestDatabases.properties(kind));
        properties.put("scheduling.enabled", "true");
        properties.put("delivery.dispatcher-enabled", "false");
        try (ApplicationContext context = ApplicationContext.run(properties, "dev")) {
            QuartzScheduler quartz = context.getBean(QuartzScheduler.class);

            assertThat(quartz.scheduler().isStarted()).isTrue();
            assertThat(quartz.scheduler().getMetaData().isJobStoreClustered()).isTrue();
            assertThat(quartz.scheduler().getMetaData().getJobStoreClass().getSimpleName()).isEqualTo("JobStoreTX");
            Map<String, Object> db = properties;
            assertThat(column(db, "SELECT job_name FROM qrtz_job_details"))
                    .containsExactlyInAnyOrder("enqueue-due-nudges", "monthly-meeting-digest", "daily-retention");
            assertThat(column(db, "SELECT cron_expression FROM qrtz_cron_triggers"))
                    .containsExactlyInAnyOrder("0 * * * * ?", "0 0 7 1 * ?", "0 30 2 * * ?");
            assertThat(column(db, "SELECT trigger_state FROM qrtz_triggers")).doesNotContain("ERROR");
            assertThat(column(db, "SELECT instance_name FROM qrtz_scheduler_state")).hasSize(1);
            assertThat(column(db, "SELECT lock_name FROM qrtz_locks")).contains("TRIGGER_ACCESS");

            quartz.scheduler().shutdown(true);
            assertThat(quartz.scheduler().isShutdown()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aSecondNodeOnTheSameDatabaseJoinsTheClusterWithoutDuplicatingJobs(TestDatabases.Kind kind) throws Exception {
        Map<String, Object> properties = new HashMap<>(TestDatabases.properties(kind));
        properties.put("scheduling.enabled", "true");
        properties.put("delivery.dispatcher-enabled", "false");
        try (ApplicationContext first = ApplicationContext.run(properties, "dev");
             ApplicationContext second = ApplicationContext.run(properties, "dev")) {
            assertThat(second.getBean(QuartzScheduler.class).scheduler().getSchedulerInstanceId())
                    .isNotEqualTo(first.getBean(QuartzScheduler.class).scheduler().getSchedulerInstanceId());
            Map<String, Object> db = properties;
            assertThat(column(db, "SELECT job_name FROM qrtz_job_details")).hasSize(3);
            assertThat(column(db, "SELECT instance_name FROM qrtz_scheduler_state")).hasSize(2);
        }
    }

    private static Set<String> column(Map<String, Object> db, String sql) throws SQLException {
        Set<String> values = new TreeSet<>();
        try (Connection c = java.sql.DriverManager.getConnection((String) db.get("datasources.default.url"),
                (String) db.get("datasources.default.username"), (String) db.get("datasources.default.password")); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1).trim());
            }
        }
        return values;
    }
}
