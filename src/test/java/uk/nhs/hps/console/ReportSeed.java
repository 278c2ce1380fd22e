package uk.nhs.hps.console;

import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A small cohort with known figures for the reports page, written straight into the database. Four participants
 * (P3 has no Microsoft account: cannot be reached) and two sponsors. In January to March 2027:
 * meetings Jan met 2, missed 1, not needed 1; Feb met 2, booked 1 (one still open); Mar met 4; so 8 met, 1 booked,
 * 1 missed, 1 not needed, 80% met. Reflections Jan 3, Feb 1, Mar 2 (one deleted in February and one at 00:30 on
 * 1 April UK time, 23:30 UTC on 31 March, are not counted). Two prompts sent on 3 February, one answered. 9-box in
 * cycle 2026-27: P0 fed back and P1 moderated in HIGH_HIGH, P2 agreed in MEDIUM_MEDIUM, P3 preparing; P0 also has a
 * 2025-26 review and a 2027-28 one, neither in the period's latest cycle. P0 and P1 are on stream 1, P2 on stream 2,
 * P3 has none. Outside the period: a meeting in December
 * 2026 and April 2027, a prompt in April.
 */
final class ReportSeed {

    record Seeded(long cohortId, String name) {
    }

    private ReportSeed() {
    }

    /** The cohort with everything above. */
    static Seeded full(TransactionOperations<Connection> db, String key) {
        return db.executeWrite(status -> write(status.getConnection(), key, true));
    }

    /** A cohort with nobody in it. */
    static Seeded empty(TransactionOperations<Connection> db, String key) {
        return db.executeWrite(status -> write(status.getConnection(), key, false));
    }

    private static Seeded write(Connection c, String key, boolean withPeople) throws SQLException {
        OffsetDateTime at = OffsetDateTime.parse("2026-09-01T09:00:00Z");
        String name = "Reports " + key;
        long cohortId;
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO cohort (name, name_key, starts_on, ends_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)""",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, name);
            s.setString(2, name.toLowerCase());
            s.setDate(3, Date.valueOf("2026-09-01"));
            s.setDate(4, Date.valueOf("2028-08-31"));
            s.setObject(5, at);
            s.setObject(6, at);
            s.executeUpdate();
            cohortId = key(s);
        }
        if (!withPeople) {
            return new Seeded(cohortId, name);
        }
        long[] sponsor = {person(c, key + ".s0", "SPONSOR", "aad-" + key + "-s0", null, at),
                person(c, key + ".s1", "SPONSOR", "aad-" + key + "-s1", null, at)};
        long[] p = new long[4];
        long[] pair = new long[4];
        for (int i = 0; i < 4; i++) {
            p[i] = person(c, key + ".p" + i, "PARTICIPANT", i == 3 ? null : "aad-" + key + "-p" + i, cohortId, at);
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO sponsorship (participant_id, sponsor_id, starts_on, created_at) VALUES (?, ?, ?, ?)""",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setLong(1, p[i]);
                s.setLong(2, sponsor[i / 2]);
                s.setDate(3, Date.valueOf("2026-09-01"));
                s.setObject(4, at);
                s.executeUpdate();
                pair[i] = key(s);
            }
        }
        String[][] months = {
                {"2026-12-01", "MET", null, null, null},
                {"2027-01-01", "MET", "MET", "MISSED", "SKIPPED"},
                {"2027-02-01", "MET", "BOOKED", "MET", "OPEN"},
                {"2027-03-01", "MET", "MET", "MET", "MET"},
                {"2027-04-01", "MISSED", null, null, null}};
        for (String[] month : months) {
            for (int i = 0; i < 4; i++) {
                if (month[i + 1] != null) {
                    meeting(c, pair[i], p[i], sponsor[i / 2], month[0], month[i + 1], at);
                }
            }
        }
        reflection(c, p[0], "2027-01-05T10:00:00Z", false);
        reflection(c, p[1], "2027-01-12T10:00:00Z", false);
        reflection(c, p[2], "2027-01-31T23:30:00Z", false);
        reflection(c, p[0], "2027-02-05T16:00:00Z", false);
        reflection(c, p[1], "2027-02-10T10:00:00Z", true);
        reflection(c, p[0], "2027-03-02T10:00:00Z", false);
        reflection(c, p[2], "2027-03-30T10:00:00Z", false);
        reflection(c, p[1], "2027-03-31T23:30:00Z", false);
        prompt(c, p[0], "2027-02-03T16:00:00Z");
        prompt(c, p[1], "2027-02-03T16:00:00Z");
        prompt(c, p[0], "2027-04-03T15:00:00Z");
        try (PreparedStatement s = c.prepareStatement("UPDATE person SET development_stream = ? WHERE id = ?")) {
            for (int i = 0; i < 3; i++) {
                s.setString(1, i < 2 ? "ONE" : "TWO");
                s.setLong(2, p[i]);
                s.executeUpdate();
            }
        }
        review(c, p[0], "2025-26", "FED_BACK", "LOW_LOW");
        review(c, p[0], "2026-27", "FED_BACK", "HIGH_HIGH");
        review(c, p[1], "2026-27", "MODERATED", "HIGH_HIGH");
        review(c, p[2], "2026-27", "AGREED", "MEDIUM_MEDIUM");
        review(c, p[3], "2026-27", "PREPARING", null);
        review(c, p[0], "2027-28", "AGREED", "LOW_HIGH");
        return new Seeded(cohortId, name);
    }

    private static long person(Connection c, String local, String role, String aad, Long cohortId, OffsetDateTime at)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO person (email, display_name, role, status, time_zone, aad_object_id, cohort_id, created_at, updated_at)
                VALUES (?, ?, ?, 'ACTIVE', 'Europe/London', ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, local + "@nhs.net");
            s.setString(2, "Named " + local);
            s.setString(3, role);
            s.setString(4, aad);
            s.setObject(5, cohortId);
            s.setObject(6, at);
            s.setObject(7, at);
            s.executeUpdate();
            return key(s);
        }
    }

    private static void meeting(Connection c, long pair, long participant, long sponsor, String month, String status,
                                OffsetDateTime at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO meeting_month (sponsorship_id, participant_id, sponsor_id, month_start, status, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            s.setLong(1, pair);
            s.setLong(2, participant);
            s.setLong(3, sponsor);
            s.setDate(4, Date.valueOf(LocalDate.parse(month)));
            s.setString(5, status);
            s.setObject(6, at);
            s.executeUpdate();
        }
    }

    private static void reflection(Connection c, long person, String created, boolean deleted) throws SQLException {
        OffsetDateTime at = Instant.parse(created).atOffset(ZoneOffset.UTC);
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO reflection_entry (person_id, template, title, experienced_on, answers, dimensions,
                                              learning_source, version, created_at, updated_at, deleted_at)
                VALUES (?, 'ROLFE', 'A reflection', ?, '{}', '', 'EXPERIENCE', 1, ?, ?, ?)""")) {
            s.setLong(1, person);
            s.setDate(2, Date.valueOf(at.toLocalDate()));
            s.setObject(3, at);
            s.setObject(4, at);
            s.setObject(5, deleted ? at.plusDays(1) : null);
            s.executeUpdate();
        }
    }

    private static void prompt(Connection c, long person, String sent) throws SQLException {
        OffsetDateTime at = Instant.parse(sent).atOffset(ZoneOffset.UTC);
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO outbound_message (idempotency_key, campaign, person_id, payload, not_before, status, created_at,
                                              updated_at, sent_at) VALUES (?, ?, ?, '{}', ?, 'SENT', ?, ?, ?)""")) {
            s.setString(1, "report-prompt:" + person + ":" + sent);
            s.setString(2, "nudge:reflection-prompt:" + sent.substring(0, 7));
            s.setLong(3, person);
            for (int i = 4; i <= 7; i++) {
                s.setObject(i, at);
            }
            s.executeUpdate();
        }
    }

    private static void review(Connection c, long participant, String cycle, String status, String box) throws SQLException {
        OffsetDateTime at = OffsetDateTime.parse("2027-02-01T09:00:00Z");
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO talent_review (participant_person_id, cycle, grid_version, status, preparation, sponsor_input,
                                           outcome, agreed_box, version, created_at, updated_at)
                VALUES (?, ?, 'hps-2', ?, '{}', '{}', '{}', ?, 0, ?, ?)""")) {
            s.setLong(1, participant);
            s.setString(2, cycle);
            s.setString(3, status);
            s.setString(4, box);
            s.setObject(5, at);
            s.setObject(6, at);
            s.executeUpdate();
        }
    }

    private static long key(PreparedStatement s) throws SQLException {
        try (ResultSet keys = s.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}
