package uk.nhs.hps.bench;

import io.micronaut.context.ApplicationContext;
import uk.nhs.hps.nudge.EnqueueDueNudges;
import uk.nhs.hps.support.TestClock;
import uk.nhs.hps.support.TestDatabases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * The every-minute "enqueue due nudges" pass with 10,000 sponsorships (10,000 sponsors, 10,000 participants in
 * one cohort), on H2 and PostgreSQL: the pass at 09:00 on the first working day (expect exactly 10,000 meeting
 * nudges), the same pass again (everything already queued), and a pass when nothing is due. Prints figures;
 * asserts nothing about time. Run with {@code ./mvnw -Pbench -DskipTests verify -Dbench.skip.roster=true
 * -Dbench.skip.delivery=true -Dbench.skip.faq=true}.
 */
public final class NudgesBenchmark {

    private NudgesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.nudges.n", 10_000);
        for (TestDatabases.Kind kind : TestDatabases.Kind.values()) {
            run(kind, n);
        }
        System.exit(0);
    }

    private static void run(TestDatabases.Kind kind, int n) throws Exception {
        Map<String, Object> properties = new HashMap<>(TestDatabases.properties(kind));
        properties.put("scheduling.enabled", "false");
        properties.put("delivery.dispatcher-enabled", "false");
        properties.put("hps.test.clock", "manual");
        try (ApplicationContext context = ApplicationContext.run(properties, "dev")) {
            seed(properties, n);
            TestClock clock = context.getBean(TestClock.class);
            EnqueueDueNudges nudges = context.getBean(EnqueueDueNudges.class);
            clock.set(Instant.parse("2026-12-05T11:00:00Z"));
            nudges.run(); // warm-up on a Saturday, when nothing is due

            clock.set(Instant.parse("2026-12-01T09:00:00Z"));
            EnqueueDueNudges.Result due = nudges.run();
            clock.set(Instant.parse("2026-12-01T09:01:00Z"));
            EnqueueDueNudges.Result again = nudges.run();
            clock.set(Instant.parse("2026-12-05T11:00:00Z"));
            EnqueueDueNudges.Result weekend = nudges.run();
            System.out.printf("nudges db=%-8s sponsorships=%d first-working-day: enqueued=%d (expected %d) failures=%d took=%d ms%n",
                    kind, n, due.enqueued(), n, due.failures().size(), due.millis());
            System.out.printf("nudges db=%-8s sponsorships=%d next minute (all already queued): enqueued=%d already=%d took=%d ms%n",
                    kind, n, again.enqueued(), again.alreadyQueued(), again.millis());
            System.out.printf("nudges db=%-8s sponsorships=%d nothing due (Saturday): enqueued=%d took=%d ms%n",
                    kind, n, weekend.enqueued(), weekend.millis());
            System.out.printf("nudges db=%-8s outbox rows=%d%n", kind, count(properties));
        }
    }

    private static Connection connect(Map<String, Object> p) throws Exception {
        return DriverManager.getConnection((String) p.get("datasources.default.url"),
                (String) p.get("datasources.default.username"), (String) p.get("datasources.default.password"));
    }

    private static long count(Map<String, Object> p) throws Exception {
        try (Connection c = connect(p); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM outbound_message")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void seed(Map<String, Object> p, int n) throws Exception {
        OffsetDateTime then = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        try (Connection c = connect(p)) {
            c.setAutoCommit(false);
            long cohort;
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO cohort (name, name_key, starts_on, ends_on, created_at, updated_at)
                    VALUES ('Bench', 'bench', DATE '2026-01-01', DATE '2027-12-31', ?, ?)""", new String[]{"id"})) {
                s.setObject(1, then);
                s.setObject(2, then);
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    cohort = keys.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO person (id, email, display_name, role, status, time_zone, cohort_id, created_at, updated_at)
                    VALUES (?, ?, ?, ?, 'ACTIVE', 'Europe/London', ?, ?, ?)""")) {
                for (int i = 0; i < 2 * n; i++) {
                    boolean sponsor = i % 2 == 0;
                    s.setLong(1, 1_000_000L + i);
                    s.setString(2, "bench" + i + "@nhs.net");
                    s.setString(3, (sponsor ? "Sponsor " : "Participant ") + i);
                    s.setString(4, sponsor ? "SPONSOR" : "PARTICIPANT");
                    if (sponsor) {
                        s.setNull(5, java.sql.Types.BIGINT);
                    } else {
                        s.setLong(5, cohort);
                    }
                    s.setObject(6, then);
                    s.setObject(7, then);
                    s.addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO sponsorship (participant_id, sponsor_id, starts_on, created_at) VALUES (?, ?, DATE '2026-01-01', ?)""")) {
                for (int i = 0; i < n; i++) {
                    s.setLong(1, 1_000_000L + 2L * i + 1);
                    s.setLong(2, 1_000_000L + 2L * i);
                    s.setObject(3, then);
                    s.addBatch();
                }
                s.executeBatch();
            }
            c.commit();
        }
    }
}
