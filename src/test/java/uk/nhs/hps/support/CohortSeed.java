package uk.nhs.hps.support;

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
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A cohort with history, written straight into the database (batched JDBC) for the console's tests and benchmark:
 * participants with one sponsor per two participants, every month of the history a meeting record per pair (held,
 * booked, missed or not this month in a fixed pattern), reflections and reflective prompts (the prompt counts returned
 * are those of the last 90 days, as the overview shows), open questions, one
 * participant nobody can reach (no Microsoft account), one whose last message failed, and a scheduled announcement.
 * The figures it writes are returned so a test can check the page shows exactly them.
 */
public final class CohortSeed {

    /** What was written. */
    public record Seeded(long cohortId, String cohortName, int participants, int sponsors, int met, int booked, int missed,
                         int reflections, int promptsSent, int promptsAnswered, int openTickets, String unreachableName,
                         String failedName, String announcementTitle, Instant announcementAt) {
    }

    private CohortSeed() {
    }

    /**
     * @param participants how many participants (an even number)
     * @param months       months of history ending with the month of {@code now}
     * @param prefix       makes e-mails and the cohort name unique, so several cohorts can live in one database
     */
    public static Seeded seed(TransactionOperations<Connection> db, Instant now, int participants, int months, String prefix) {
        return db.executeWrite(status -> write(status.getConnection(), now, participants, months, prefix));
    }

    private static Seeded write(Connection c, Instant now, int participants, int months, String prefix) throws SQLException {
        ZoneId london = ZoneId.of("Europe/London");
        YearMonth last = YearMonth.from(now.atZone(london));
        YearMonth first = last.minusMonths(months - 1L);
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        String name = prefix + " cohort";
        long cohortId;
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO cohort (name, name_key, starts_on, ends_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)""",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, name);
            s.setString(2, name.toLowerCase());
            s.setDate(3, Date.valueOf(first.atDay(1)));
            s.setDate(4, Date.valueOf(last.plusMonths(24).atEndOfMonth()));
            s.setObject(5, at);
            s.setObject(6, at);
            s.executeUpdate();
            cohortId = key(s);
        }
        int sponsors = participants / 2;
        long[] participantIds = new long[participants];
        long[] sponsorIds = new long[sponsors];
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO person (email, display_name, role, status, time_zone, aad_object_id, cohort_id, created_at, updated_at)
                VALUES (?, ?, ?, 'ACTIVE', 'Europe/London', ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < sponsors; i++) {
                person(s, prefix + ".sponsor" + i + "@nhs.net", "Sponsor " + prefix + " " + i, "SPONSOR",
                        "aad-" + prefix + "-s" + i, null, at);
            }
            for (int i = 0; i < participants; i++) {
                // participant 0 has no Microsoft account anyone knows of: unreachable
                person(s, prefix + ".participant" + i + "@nhs.net", "Participant " + prefix + " " + i, "PARTICIPANT",
                        i == 0 ? null : "aad-" + prefix + "-p" + i, cohortId, at);
            }
            s.executeBatch();
            try (ResultSet keys = s.getGeneratedKeys()) {
                int n = 0;
                while (keys.next()) {
                    long id = keys.getLong(1);
                    if (n < sponsors) {
                        sponsorIds[n] = id;
                    } else {
                        participantIds[n - sponsors] = id;
                    }
                    n++;
                }
            }
        }
        long[] sponsorships = new long[participants];
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO sponsorship (participant_id, sponsor_id, starts_on, created_at) VALUES (?, ?, ?, ?)""",
                Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < participants; i++) {
                s.setLong(1, participantIds[i]);
                s.setLong(2, sponsorIds[i / 2]);
                s.setDate(3, Date.valueOf(first.atDay(1)));
                s.setObject(4, at);
                s.addBatch();
            }
            s.executeBatch();
            try (ResultSet keys = s.getGeneratedKeys()) {
                for (int i = 0; keys.next(); i++) {
                    sponsorships[i] = keys.getLong(1);
                }
            }
        }
        int met = 0;
        int booked = 0;
        int missed = 0;
        String[] pattern = {"MET", "MET", "BOOKED", "MISSED", "MET", "SKIPPED", "MET", "OPEN"};
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO meeting_month (sponsorship_id, participant_id, sponsor_id, month_start, status, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            int k = 0;
            for (int i = 0; i < participants; i++) {
                for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                    String st = pattern[(i + k++) % pattern.length];
                    met += st.equals("MET") ? 1 : 0;
                    booked += st.equals("BOOKED") ? 1 : 0;
                    missed += st.equals("MISSED") ? 1 : 0;
                    s.setLong(1, sponsorships[i]);
                    s.setLong(2, participantIds[i]);
                    s.setLong(3, sponsorIds[i / 2]);
                    s.setDate(4, Date.valueOf(m.atDay(1)));
                    s.setString(5, st);
                    s.setObject(6, at);
                    s.addBatch();
                }
                if (i % 200 == 199) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
        }
        // each month: a prompt on the 3rd at 16:00 UK time, answered (an entry two days later) by two participants in
        // three; one more entry on the 20th for every other participant
        int reflections = 0;
        int promptsSent = 0;
        int promptsAnswered = 0;
        try (PreparedStatement prompt = c.prepareStatement("""
                INSERT INTO outbound_message (idempotency_key, campaign, person_id, payload, not_before, status, created_at,
                                              updated_at, sent_at) VALUES (?, ?, ?, '{}', ?, 'SENT', ?, ?, ?)""");
             PreparedStatement entry = c.prepareStatement("""
                     INSERT INTO reflection_entry (person_id, template, title, experienced_on, answers, dimensions,
                                                   learning_source, version, created_at, updated_at)
                     VALUES (?, 'ROLFE', 'A reflection', ?, '{}', '', 'EXPERIENCE', 1, ?, ?)""")) {
            for (int i = 0; i < participants; i++) {
                for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                    Instant sent = m.atDay(3).atTime(16, 0).atZone(london).toInstant();
                    if (sent.isAfter(now)) {
                        continue;
                    }
                    OffsetDateTime sentAt = sent.atOffset(ZoneOffset.UTC);
                    prompt.setString(1, "reflection-prompt:" + participantIds[i] + ":" + m);
                    prompt.setString(2, "nudge:reflection-prompt:" + m);
                    prompt.setLong(3, participantIds[i]);
                    prompt.setObject(4, sentAt);
                    prompt.setObject(5, sentAt);
                    prompt.setObject(6, sentAt);
                    prompt.setObject(7, sentAt);
                    prompt.addBatch();
                    // the overview's response rate is over the last 90 days' prompts
                    boolean recent = !sent.isBefore(now.minus(java.time.Duration.ofDays(90)));
                    promptsSent += recent ? 1 : 0;
                    if (i % 3 != 2) {
                        Instant logged = sent.plusSeconds(2 * 86_400);
                        if (!logged.isAfter(now)) {
                            entry(entry, participantIds[i], logged, london);
                            promptsAnswered += recent ? 1 : 0;
                            reflections++;
                        }
                    }
                    Instant later = m.atDay(20).atTime(10, 0).atZone(london).toInstant();
                    if (i % 2 == 0 && !later.isAfter(now)) {
                        entry(entry, participantIds[i], later, london);
                        reflections++;
                    }
                }
                if (i % 200 == 199) {
                    prompt.executeBatch();
                    entry.executeBatch();
                }
            }
            prompt.executeBatch();
            entry.executeBatch();
        }
        // participant 1's last message failed: Teams would not open a chat
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO outbound_message (idempotency_key, campaign, person_id, payload, not_before, status, last_error,
                                              created_at, updated_at) VALUES (?, 'announcement:0', ?, '{}', ?, 'FAILED', ?, ?, ?)""")) {
            s.setString(1, prefix + ":failed:" + participantIds[1]);
            s.setLong(2, participantIds[1]);
            s.setObject(3, at);
            s.setString(4, "HPS Companion is not installed for them in Teams.");
            s.setObject(5, at);
            s.setObject(6, at);
            s.executeUpdate();
        }
        int openTickets = 2;
        for (int t = 0; t < openTickets; t++) {
            long queryId;
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO faq_query (teams_user_id, person_id, question, normalised, outcome, confidence, asked_at)
                    VALUES (?, ?, 'Can I change stream?', 'can i change stream', 'FALLBACK', 0.1, ?)""", Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, "29:" + prefix + "-" + t);
                s.setLong(2, participantIds[2 + t]);
                s.setObject(3, at.minusDays(3));
                s.executeUpdate();
                queryId = key(s);
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO faq_ticket (query_id, teams_user_id, person_id, question, status, created_at)
                    VALUES (?, ?, ?, 'Can I change stream?', 'OPEN', ?)""")) {
                s.setLong(1, queryId);
                s.setString(2, "29:" + prefix + "-" + t);
                s.setLong(3, participantIds[2 + t]);
                s.setObject(4, at.minusDays(3 - t));
                s.executeUpdate();
            }
        }
        String title = prefix + " welcome to the second year";
        Instant sendAt = now.plusSeconds(5 * 86_400);
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO announcement (title, body, ask_acknowledgement, audience, status, send_at, time_zone, created_at, updated_at)
                VALUES (?, 'Hello', FALSE, ?, 'SCHEDULED', ?, 'Europe/London', ?, ?)""")) {
            s.setString(1, title);
            s.setString(2, "{\"kind\":\"COHORTS\",\"cohortIds\":[" + cohortId + "]}");
            s.setObject(3, sendAt.atOffset(ZoneOffset.UTC));
            s.setObject(4, at);
            s.setObject(5, at);
            s.executeUpdate();
        }
        return new Seeded(cohortId, name, participants, sponsors, met, booked, missed, reflections, promptsSent,
                promptsAnswered, openTickets, "Participant " + prefix + " 0", "Participant " + prefix + " 1", title, sendAt);
    }

    private static void person(PreparedStatement s, String email, String name, String role, String aad, Long cohortId,
                               OffsetDateTime at) throws SQLException {
        s.setString(1, email);
        s.setString(2, name);
        s.setString(3, role);
        s.setString(4, aad);
        if (cohortId == null) {
            s.setNull(5, java.sql.Types.BIGINT);
        } else {
            s.setLong(5, cohortId);
        }
        s.setObject(6, at);
        s.setObject(7, at);
        s.addBatch();
    }

    private static void entry(PreparedStatement s, long personId, Instant at, ZoneId zone) throws SQLException {
        s.setLong(1, personId);
        s.setDate(2, Date.valueOf(LocalDate.ofInstant(at, zone)));
        s.setObject(3, at.atOffset(ZoneOffset.UTC));
        s.setObject(4, at.atOffset(ZoneOffset.UTC));
        s.addBatch();
    }

    private static long key(PreparedStatement s) throws SQLException {
        try (ResultSet keys = s.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}
