package uk.nhs.hps.cohort;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The programme team's view of one cohort at a glance: who is in it, who cannot be reached in Teams and why, meetings
 * and reflections month by month, how often reflective prompts are answered, questions waiting and the next scheduled
 * announcement. Counts are computed in the database (a few grouped queries), so the page stays fast for thousands of
 * participants. The cohort-level figures are a cohort report; each person named (the unreachable list) is a read of
 * their profile, authorised and audited one by one, on every view.
 *
 * <p>The figures of a cohort are kept for {@link #FRESH_FOR} after they are read: grouping two years of meetings,
 * reflections and prompts for thousands of participants takes a few hundred milliseconds on the embedded database,
 * and the programme team moving between pages should not pay it on every click. The page says when they were read.
 * Who may see them is checked on every request, never kept.
 */
@Singleton
public class ShowingCohortOverview {

    /** How many months of history the charts show. */
    public static final int MONTHS = 24;
    /** Most people named in the "cannot be reached" list; the count is always complete. */
    public static final int UNREACHABLE_SHOWN = 50;
    /** A prompt counts as answered when the participant logs a reflection within this many days. */
    public static final int PROMPT_ANSWER_DAYS = 7;
    /** The prompt response rate is over the prompts of this many recent days: how the cohort is doing now. */
    public static final int PROMPT_RATE_DAYS = 90;
    /** How long a cohort's figures are shown before they are read again. */
    public static final java.time.Duration FRESH_FOR = java.time.Duration.ofSeconds(60);

    public record CohortChoice(long id, String name) {
    }

    public record Month(YearMonth month, int met, int booked, int missed, int skipped, int reflections) {
    }

    public record Unreachable(long personId, String displayName, String role, String why, @Nullable Instant since) {
    }

    public record NextAnnouncement(long id, String title, Instant sendAt) {
    }

    public record Overview(Cohort cohort, List<CohortChoice> cohorts, int participants, int paused, int left, int sponsors,
                           int unreachableCount, List<Unreachable> unreachable, List<Month> months, int promptsSent,
                           int promptsAnswered, int ticketsWaiting, int ticketsWaitingInCohort,
                           @Nullable Instant oldestTicketSince, Optional<NextAnnouncement> nextAnnouncement, Instant readAt) {

        /** The share of prompts answered, in whole per cent; empty when none was sent. */
        public Optional<Integer> promptResponsePercent() {
            return promptsSent == 0 ? Optional.empty() : Optional.of((int) Math.round(100.0 * promptsAnswered / promptsSent));
        }
    }

    private static final String NO_ACCOUNT = "Not linked to a Microsoft account yet: no Entra object id on the roster"
            + " and they have never written to HPS Companion.";

    private final TransactionOperations<Connection> transactions;
    private final CohortRepository cohorts;
    private final Access access;
    private final Clock clock;
    private final java.util.concurrent.ConcurrentMap<Long, Overview> recent = new java.util.concurrent.ConcurrentHashMap<>();

    ShowingCohortOverview(TransactionOperations<Connection> transactions, CohortRepository cohorts, Access access, Clock clock) {
        this.transactions = transactions;
        this.cohorts = cohorts;
        this.access = access;
        this.clock = clock;
    }

    /** The cohorts to choose from, newest first. */
    public List<CohortChoice> choices(long actorId) {
        access.require(actorId, Action.VIEW_COHORT_REPORTS, null, "console: list cohorts");
        List<CohortChoice> all = new ArrayList<>();
        cohorts.findAll().forEach(c -> all.add(new CohortChoice(c.id(), c.name())));
        all.sort(Comparator.comparing(CohortChoice::id).reversed());
        return all;
    }

    /** The overview of the cohort; the newest cohort when none is named; empty when there is no cohort at all. */
    public Optional<Overview> overview(long actorId, @Nullable Long cohortId) {
        List<CohortChoice> choices = choices(actorId);
        if (choices.isEmpty()) {
            return Optional.empty();
        }
        long id = cohortId == null ? choices.get(0).id() : cohortId;
        Cohort cohort = cohorts.findById(id).orElseThrow(() -> new NotFound("There is no cohort " + id + "."));
        Instant now = clock.instant();
        Overview kept = recent.get(id);
        Overview overview = kept != null && now.isBefore(kept.readAt().plus(FRESH_FOR)) && kept.cohorts().equals(choices)
                ? kept : transactions.executeRead(status -> read(status.getConnection(), cohort, choices, now));
        recent.put(id, overview);
        // naming a person is a read of their profile: authorised and audited for each one shown
        transactions.executeWrite(status -> {
            overview.unreachable().forEach(u -> access.require(actorId, Action.VIEW_PROFILE, u.personId(),
                    "console: cohort overview, cannot be reached in Teams"));
            return null;
        });
        return Optional.of(overview);
    }

    /** Drops the kept figures, so the next read is fresh (an erased person must not stay named on the page). */
    void forgetKeptFigures() {
        recent.clear();
    }

    private Overview read(Connection c, Cohort cohort, List<CohortChoice> choices, Instant now) throws SQLException {
        ZoneId zone = ZoneId.of(cohort.timeZone());
        YearMonth thisMonth = YearMonth.from(now.atZone(zone));
        YearMonth last = YearMonth.from(cohort.endsOn()).isBefore(thisMonth) ? YearMonth.from(cohort.endsOn()) : thisMonth;
        YearMonth first = last.minusMonths(MONTHS - 1L);
        if (first.isBefore(YearMonth.from(cohort.startsOn()))) {
            first = YearMonth.from(cohort.startsOn());
        }
        if (last.isBefore(first)) {
            last = first;
        }
        int[] people = people(c, cohort.id());
        int sponsors = single(c, """
                SELECT COUNT(DISTINCT s.sponsor_id) FROM sponsorship s JOIN person p ON p.id = s.participant_id
                WHERE p.cohort_id = ? AND s.ends_on IS NULL AND p.anonymised_at IS NULL AND p.status <> 'LEFT'""", cohort.id());
        List<Unreachable> unreachable = unreachable(c, cohort.id());
        Map<YearMonth, int[]> months = new LinkedHashMap<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            months.put(m, new int[5]);
        }
        meetings(c, cohort.id(), first, last, months);
        reflections(c, cohort.id(), first, last, zone, months);
        List<Month> monthly = months.entrySet().stream().map(e -> new Month(e.getKey(), e.getValue()[0], e.getValue()[1],
                e.getValue()[2], e.getValue()[3], e.getValue()[4])).toList();
        int[] prompts = prompts(c, cohort.id(), now.minus(java.time.Duration.ofDays(PROMPT_RATE_DAYS)));
        int waiting = single(c, "SELECT COUNT(*) FROM faq_ticket WHERE status = 'OPEN'");
        int waitingInCohort = single(c, """
                SELECT COUNT(*) FROM faq_ticket t JOIN person p ON p.id = t.person_id
                WHERE t.status = 'OPEN' AND p.cohort_id = ?""", cohort.id());
        Instant oldest = instant(c, "SELECT MIN(created_at) FROM faq_ticket WHERE status = 'OPEN'");
        return new Overview(cohort, choices, people[0], people[1], people[2], sponsors, unreachable.size(),
                unreachable.stream().limit(UNREACHABLE_SHOWN).toList(), monthly, prompts[0], prompts[1], waiting,
                waitingInCohort, oldest, nextAnnouncement(c, now), now);
    }

    /** Participants still on the scheme (active and paused), paused, and left. */
    private static int[] people(Connection c, long cohortId) throws SQLException {
        int[] counts = new int[3];
        try (PreparedStatement s = c.prepareStatement("""
                SELECT status, COUNT(*) FROM person
                WHERE cohort_id = ? AND role = 'PARTICIPANT' AND anonymised_at IS NULL GROUP BY status""")) {
            s.setLong(1, cohortId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    switch (rs.getString(1)) {
                        case "ACTIVE" -> counts[0] += rs.getInt(2);
                        case "PAUSED" -> {
                            counts[0] += rs.getInt(2);
                            counts[1] += rs.getInt(2);
                        }
                        default -> counts[2] += rs.getInt(2);
                    }
                }
            }
        }
        return counts;
    }

    /**
     * The cohort's participants and their current sponsors whom the bot cannot reach: nobody knows their Microsoft
     * account, or their latest message failed (with the delivery's reason: not installed, Graph refused, chat refused).
     */
    private static List<Unreachable> unreachable(Connection c, long cohortId) throws SQLException {
        List<Unreachable> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                WITH scope AS (
                    SELECT p.id FROM person p
                    WHERE p.cohort_id = ? AND p.anonymised_at IS NULL AND p.status <> 'LEFT'
                    UNION
                    SELECT s.sponsor_id FROM sponsorship s JOIN person p ON p.id = s.participant_id
                    WHERE p.cohort_id = ? AND s.ends_on IS NULL AND p.anonymised_at IS NULL AND p.status <> 'LEFT'
                ), latest AS (
                    SELECT o.person_id, MAX(o.id) AS id FROM outbound_message o JOIN scope ON scope.id = o.person_id
                    WHERE o.status IN ('SENT', 'FAILED') GROUP BY o.person_id
                )
                SELECT p.id, p.display_name, p.role,
                       CASE WHEN p.aad_object_id IS NULL
                                 AND NOT EXISTS (SELECT 1 FROM teams_identity t WHERE t.person_id = p.id) THEN 'NO_ACCOUNT'
                            ELSE 'FAILED' END AS kind,
                       o.last_error, o.updated_at
                FROM scope JOIN person p ON p.id = scope.id
                LEFT JOIN latest ON latest.person_id = p.id
                LEFT JOIN outbound_message o ON o.id = latest.id
                WHERE (p.aad_object_id IS NULL AND NOT EXISTS (SELECT 1 FROM teams_identity t WHERE t.person_id = p.id))
                   OR o.status = 'FAILED'
                ORDER BY p.display_name, p.id""")) {
            s.setLong(1, cohortId);
            s.setLong(2, cohortId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    boolean noAccount = rs.getString(4).equals("NO_ACCOUNT");
                    String error = rs.getString(5);
                    String why = noAccount ? NO_ACCOUNT
                            : "Their last message was not delivered: " + (error == null || error.isBlank() ? "no reason given." : error);
                    OffsetDateTime since = rs.getObject(6, OffsetDateTime.class);
                    out.add(new Unreachable(rs.getLong(1), rs.getString(2), rs.getString(3), why,
                            since == null || noAccount ? null : since.toInstant()));
                }
            }
        }
        return out;
    }

    private static void meetings(Connection c, long cohortId, YearMonth first, YearMonth last, Map<YearMonth, int[]> months)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT m.month_start, m.status, COUNT(*) FROM person p JOIN meeting_month m ON m.participant_id = p.id
                WHERE p.cohort_id = ? AND m.month_start BETWEEN ? AND ? GROUP BY m.month_start, m.status""")) {
            s.setLong(1, cohortId);
            s.setDate(2, Date.valueOf(first.atDay(1)));
            s.setDate(3, Date.valueOf(last.atDay(1)));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int[] counts = months.get(YearMonth.from(rs.getObject(1, LocalDate.class)));
                    if (counts == null) {
                        continue;
                    }
                    switch (rs.getString(2)) {
                        case "MET" -> counts[0] += rs.getInt(3);
                        case "BOOKED" -> counts[1] += rs.getInt(3);
                        case "MISSED" -> counts[2] += rs.getInt(3);
                        case "SKIPPED" -> counts[3] += rs.getInt(3);
                        default -> { /* OPEN: the month is still running with nothing recorded */ }
                    }
                }
            }
        }
    }

    /** Entries logged (created, not deleted) per month in the cohort's time zone. */
    private static void reflections(Connection c, long cohortId, YearMonth first, YearMonth last, ZoneId zone,
                                    Map<YearMonth, int[]> months) throws SQLException {
        // the day in the cohort's zone, so an entry at 00:30 BST on 1 June counts in June; the zone id is validated
        // by ZoneId (letters, digits, / _ + -), so it can stand in the SQL text
        String day = "CAST((r.created_at AT TIME ZONE '" + zone.getId() + "') AS DATE)";
        try (PreparedStatement s = c.prepareStatement("""
                SELECT %s AS local_day, COUNT(*) FROM person p JOIN reflection_entry r ON r.person_id = p.id
                WHERE p.cohort_id = ? AND r.deleted_at IS NULL AND r.created_at >= ? AND r.created_at < ?
                GROUP BY %s""".formatted(day, day))) {
            s.setLong(1, cohortId);
            s.setObject(2, first.atDay(1).atStartOfDay(zone).toInstant().atOffset(ZoneOffset.UTC));
            s.setObject(3, last.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().atOffset(ZoneOffset.UTC));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int[] counts = months.get(YearMonth.from(rs.getObject(1, LocalDate.class)));
                    if (counts != null) {
                        counts[4] += rs.getInt(2);
                    }
                }
            }
        }
    }

    /** Reflective prompts delivered since {@code since}, and how many were followed by an entry within a week. */
    private static int[] prompts(Connection c, long cohortId, Instant since) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT COUNT(*), SUM(CASE WHEN EXISTS (
                           SELECT 1 FROM reflection_entry r WHERE r.person_id = o.person_id AND r.deleted_at IS NULL
                           AND r.created_at >= o.sent_at AND r.created_at < o.sent_at + INTERVAL '%d' DAY) THEN 1 ELSE 0 END)
                FROM person p JOIN outbound_message o ON o.person_id = p.id
                WHERE p.cohort_id = ? AND o.campaign LIKE 'nudge:reflection-prompt:%%' AND o.status = 'SENT'
                  AND o.sent_at >= ?""".formatted(PROMPT_ANSWER_DAYS))) {
            s.setLong(1, cohortId);
            s.setObject(2, since.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new int[]{rs.getInt(1), rs.getInt(2)};
            }
        }
    }

    private static Optional<NextAnnouncement> nextAnnouncement(Connection c, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, title, send_at FROM announcement WHERE status = 'SCHEDULED' AND send_at >= ?
                ORDER BY send_at, id LIMIT 1""")) {
            s.setObject(1, now.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new NextAnnouncement(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant()));
            }
        }
    }

    private static int single(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Nullable
    private static Instant instant(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            OffsetDateTime value = rs.getObject(1, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
    }
}
