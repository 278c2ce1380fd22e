package uk.nhs.hps.nudge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** Plain-JDBC roster rows for the nudge pass: a cohort, people, pairings and reflective-prompt settings. */
final class NudgeFixtures {

    private static final OffsetDateTime THEN = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final AtomicLong IDS = new AtomicLong(5_000_000);

    private final Connection c;

    NudgeFixtures(Connection c) {
        this.c = c;
    }

    /** A plain connection to the test database the properties describe, outside the application's pool. */
    static Connection connect(java.util.Map<String, ?> p) throws SQLException {
        return java.sql.DriverManager.getConnection((String) p.get("datasources.default.url"),
                (String) p.get("datasources.default.username"), (String) p.get("datasources.default.password"));
    }

    long cohort(LocalDate starts, LocalDate ends) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO cohort (name, name_key, starts_on, ends_on, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)""", new String[]{"id"})) {
            String name = "Cohort " + IDS.incrementAndGet();
            s.setString(1, name);
            s.setString(2, name.toLowerCase(java.util.Locale.ROOT));
            s.setObject(3, starts);
            s.setObject(4, ends);
            s.setObject(5, THEN);
            s.setObject(6, THEN);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    long person(String role, String zone, Long cohortId) throws SQLException {
        long id = IDS.incrementAndGet();
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO person (id, email, display_name, role, status, time_zone, cohort_id, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?)""")) {
            s.setLong(1, id);
            s.setString(2, "person" + id + "@nhs.net");
            s.setString(3, role.charAt(0) + role.substring(1).toLowerCase(java.util.Locale.ROOT) + " " + id);
            s.setString(4, role);
            s.setString(5, zone);
            s.setObject(6, cohortId);
            s.setObject(7, THEN);
            s.setObject(8, THEN);
            s.executeUpdate();
        }
        return id;
    }

    void sponsorship(long participantId, long sponsorId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO sponsorship (participant_id, sponsor_id, starts_on, created_at) VALUES (?, ?, DATE '2026-01-01', ?)""")) {
            s.setLong(1, participantId);
            s.setLong(2, sponsorId);
            s.setObject(3, THEN);
            s.executeUpdate();
        }
    }

    void prompts(long personId, DayOfWeek day, LocalTime at, Instant lastPromptedAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO reflection_prompt (person_id, weekday, minute_of_day, last_prompted_at, updated_at)
                VALUES (?, ?, ?, ?, ?)""")) {
            s.setLong(1, personId);
            s.setShort(2, (short) day.getValue());
            s.setInt(3, at.getHour() * 60 + at.getMinute());
            s.setObject(4, lastPromptedAt == null ? null : lastPromptedAt.atOffset(ZoneOffset.UTC));
            s.setObject(5, THEN);
            s.executeUpdate();
        }
    }

    /** Outbox rows whose idempotency key starts with the prefix. */
    long outboxRows(String keyPrefix) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM outbound_message WHERE idempotency_key LIKE ?")) {
            s.setString(1, keyPrefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The largest number of outbox rows sharing one idempotency key (1 when every key is queued once). */
    long mostRowsForOneKey() throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM outbound_message GROUP BY idempotency_key) k")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
