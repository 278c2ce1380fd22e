package uk.nhs.hps.cohort;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;

/**
 * The programme team's view of one cohort at a glance: who is in it, who cannot be reached in Teams and why, meetings
 * and reflections month by month, how often reflective prompts are answered, questions waiting and the next scheduled
 * announcement. Counts are computed in the database (a few grouped queries over covering indexes). The cohort-level
 * figures are a cohort report; each person named (the unreachable list) is a read of their profile, authorised and
 * audited one by one, on every view.
 *
 * <p>A cohort's figures are kept and shown for {@link #FRESH_FOR}; after that the next view starts counting them
 * again in the background and is shown the kept ones, marked as being updated, so no page waits for two years of
 * history to be grouped (a few hundred milliseconds on a busy machine). Only the first view of a cohort, or a view
 * after the list of cohorts changed, waits for its figures. One count runs per cohort at a time however many people
 * look. Who may see them is checked on every request, never kept.
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
                           @Nullable Instant oldestTicketSince, Optional<NextAnnouncement> nextAnnouncement, Instant readAt,
                           boolean updating) {

        /** The share of prompts answered, in whole per cent; empty when none was sent. */
        public Optional<Integer> promptResponsePercent() {
            return promptsSent == 0 ? Optional.empty() : Optional.of((int) Math.round(100.0 * promptsAnswered / promptsSent));
        }

        Overview beingUpdated() {
            return new Overview(cohort, cohorts, participants, paused, left, sponsors, unreachableCount, unreachable, months,
                    promptsSent, promptsAnswered, ticketsWaiting, ticketsWaitingInCohort, oldestTicketSince, nextAnnouncement,
                    readAt, true);
        }
    }

    /**
     * A cohort's counts over a period: participants on the scheme now (active and paused), paused, left; of those on
     * the scheme, how many the bot can reach in Teams and how many it cannot; per month; prompts sent in the period.
     */
    public record PeriodFigures(Cohort cohort, int participants, int paused, int left, int reachable, int unreachable,
                                List<Month> months, int promptsSent, int promptsAnswered) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ShowingCohortOverview.class);
    private static final String NO_ACCOUNT = "Not linked to a Microsoft account yet: no Entra object id on the roster"
            + " and they have never written to HPS Companion.";

    private final TransactionOperations<Connection> transactions;
    private final CohortRepository cohorts;
    private final Access access;
    private final Clock clock;
    private final Executor background;
    private final ConcurrentMap<Long, Overview> recent = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, CompletableFuture<Overview>> counting = new ConcurrentHashMap<>();
    /** Moves on when kept figures must not be used any more (a person they name was erased). */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    ShowingCohortOverview(TransactionOperations<Connection> transactions, CohortRepository cohorts, Access access, Clock clock,
                          @Named(TaskExecutors.BLOCKING) Executor background) {
        this.transactions = transactions;
        this.cohorts = cohorts;
        this.access = access;
        this.clock = clock;
        this.background = background;
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
        Overview overview;
        if (kept == null || !kept.cohorts().equals(choices)) {
            overview = join(count(cohort, choices));
        } else if (now.isBefore(kept.readAt().plus(FRESH_FOR))) {
            overview = kept;
        } else {
            CompletableFuture<Overview> next = count(cohort, choices);
            overview = next.isDone() && !next.isCompletedExceptionally() ? next.join() : kept.beingUpdated();
        }
        // naming a person is a read of their profile: authorised and audited for each one shown
        transactions.executeWrite(status -> {
            overview.unreachable().forEach(u -> access.require(actorId, Action.VIEW_PROFILE, u.personId(),
                    "console: cohort overview, cannot be reached in Teams"));
            return null;
        });
        return Optional.of(overview);
    }

    /**
     * A cohort's figures for a report over whole months (in the cohort's time zone): who is on the scheme now and how
     * many of its participants can be reached in Teams, and per month the meetings and reflections, and the prompts
     * sent in the period. Counts only, read fresh (a report is asked for rarely): nobody is named, so no profile is read.
     */
    public PeriodFigures period(long actorId, long cohortId, YearMonth first, YearMonth last) {
        access.require(actorId, Action.VIEW_COHORT_REPORTS, null, "cohort report");
        Cohort cohort = cohorts.findById(cohortId).orElseThrow(() -> new NotFound("There is no cohort " + cohortId + "."));
        ZoneId zone = ZoneId.of(cohort.timeZone());
        return transactions.executeRead(status -> {
            Connection c = status.getConnection();
            int[] people = people(c, cohortId);
            int unreachable = (int) unreachable(c, cohortId).stream().filter(u -> u.role().equals("PARTICIPANT")).count();
            Map<YearMonth, int[]> months = new LinkedHashMap<>();
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                months.put(m, new int[5]);
            }
            meetings(c, cohortId, first, last, months);
            reflections(c, cohortId, first, last, zone, months);
            int[] prompts = prompts(c, cohortId, startOf(first, zone).toInstant(), startOf(last.plusMonths(1), zone).toInstant());
            List<Month> monthly = months.entrySet().stream().map(e -> new Month(e.getKey(), e.getValue()[0], e.getValue()[1],
                    e.getValue()[2], e.getValue()[3], e.getValue()[4])).toList();
            return new PeriodFigures(cohort, people[0], people[1], people[2], people[0] - unreachable, unreachable, monthly,
                    prompts[0], prompts[1]);
        });
    }

    /** The figures being counted for the cohort, or a new count; the kept figures are replaced when it ends. */
    private CompletableFuture<Overview> count(Cohort cohort, List<CohortChoice> choices) {
        CompletableFuture<Overview> fresh = new CompletableFuture<>();
        CompletableFuture<Overview> running = counting.putIfAbsent(cohort.id(), fresh);
        if (running != null) {
            return running;
        }
        long startedIn = generation.get();
        try {
            background.execute(() -> {
                try {
                    Overview figures = transactions.executeRead(status -> read(status.getConnection(), cohort, choices, clock.instant()));
                    if (generation.get() == startedIn) {
                        recent.put(cohort.id(), figures);
                    }
                    fresh.complete(figures);
                } catch (RuntimeException | Error e) {
                    LOG.warn("Counting the figures of cohort {} failed; the next view tries again", cohort.id(), e);
                    fresh.completeExceptionally(e);
                } finally {
                    counting.remove(cohort.id(), fresh);
                }
            });
        } catch (RuntimeException rejected) {
            counting.remove(cohort.id(), fresh);
            throw rejected;
        }
        return fresh;
    }

    /** The count of the cohort's figures under way, if one is. */
    Optional<CompletableFuture<Overview>> countUnderWay(long cohortId) {
        return Optional.ofNullable(counting.get(cohortId));
    }

    /** Drops every cohort's kept figures, so the next view counts them again. */
    void forgetKeptFigures() {
        generation.incrementAndGet();
        recent.clear();
    }

    private static Overview join(CompletableFuture<Overview> figures) {
        try {
            return figures.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
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
        int[] prompts = prompts(c, cohort.id(), now.minus(java.time.Duration.ofDays(PROMPT_RATE_DAYS)), null);
        int waiting = single(c, "SELECT COUNT(*) FROM faq_ticket WHERE status = 'OPEN'");
        int waitingInCohort = single(c, """
                SELECT COUNT(*) FROM faq_ticket t JOIN person p ON p.id = t.person_id
                WHERE t.status = 'OPEN' AND p.cohort_id = ?""", cohort.id());
        Instant oldest = instant(c, "SELECT MIN(created_at) FROM faq_ticket WHERE status = 'OPEN'");
        return new Overview(cohort, choices, people[0], people[1], people[2], sponsors, unreachable.size(),
                unreachable.stream().limit(UNREACHABLE_SHOWN).toList(), monthly, prompts[0], prompts[1], waiting,
                waitingInCohort, oldest, nextAnnouncement(c, now), now, false);
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
        // failed deliveries are few: start from them and keep those not followed by a later outcome, rather than
        // finding everyone's latest message
        try (PreparedStatement s = c.prepareStatement("""
                WITH scope AS (
                    SELECT p.id FROM person p
                    WHERE p.cohort_id = ? AND p.anonymised_at IS NULL AND p.status <> 'LEFT'
                    UNION
                    SELECT s.sponsor_id FROM sponsorship s JOIN person p ON p.id = s.participant_id
                    WHERE p.cohort_id = ? AND s.ends_on IS NULL AND p.anonymised_at IS NULL AND p.status <> 'LEFT'
                ), unlinked AS (
                    SELECT p.id FROM scope JOIN person p ON p.id = scope.id
                    WHERE p.aad_object_id IS NULL AND NOT EXISTS (SELECT 1 FROM teams_identity t WHERE t.person_id = p.id)
                ), failed AS (
                    SELECT f.person_id, f.last_error, f.updated_at FROM scope JOIN outbound_message f ON f.person_id = scope.id
                    WHERE f.status = 'FAILED' AND NOT EXISTS (
                        SELECT 1 FROM outbound_message o WHERE o.person_id = f.person_id AND o.status IN ('SENT', 'FAILED')
                        AND o.id > f.id)
                )
                SELECT p.id, p.display_name, p.role, CASE WHEN u.id IS NOT NULL THEN 'NO_ACCOUNT' ELSE 'FAILED' END AS kind,
                       f.last_error, f.updated_at
                FROM scope JOIN person p ON p.id = scope.id
                LEFT JOIN unlinked u ON u.id = p.id
                LEFT JOIN failed f ON f.person_id = p.id
                WHERE u.id IS NOT NULL OR f.person_id IS NOT NULL
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

    /**
     * Entries logged (created, not deleted) per month in the cohort's time zone. Each month's bounds are turned into
     * instants here, so the database compares timestamps instead of converting every entry to local time.
     */
    private static void reflections(Connection c, long cohortId, YearMonth first, YearMonth last, ZoneId zone,
                                    Map<YearMonth, int[]> months) throws SQLException {
        List<YearMonth> shown = new ArrayList<>();
        StringBuilder bucket = new StringBuilder("CASE");
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            bucket.append(" WHEN r.created_at < ? THEN ").append(shown.size());
            shown.add(m);
        }
        bucket.append(" END");
        try (PreparedStatement s = c.prepareStatement("""
                SELECT %s AS bucket, COUNT(*) FROM person p JOIN reflection_entry r ON r.person_id = p.id
                WHERE p.cohort_id = ? AND r.deleted_at IS NULL AND r.created_at >= ? AND r.created_at < ?
                GROUP BY 1""".formatted(bucket))) {
            int i = 1;
            for (YearMonth m : shown) {
                s.setObject(i++, startOf(m.plusMonths(1), zone));
            }
            s.setLong(i++, cohortId);
            s.setObject(i++, startOf(first, zone));
            s.setObject(i, startOf(last.plusMonths(1), zone));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    months.get(shown.get(rs.getInt(1)))[4] += rs.getInt(2);
                }
            }
        }
    }

    private static OffsetDateTime startOf(YearMonth month, ZoneId zone) {
        return month.atDay(1).atStartOfDay(zone).toInstant().atOffset(ZoneOffset.UTC);
    }

    /**
     * Reflective prompts delivered from {@code since} (to before {@code until}, when given), and how many were followed
     * by an entry within a week.
     */
    private static int[] prompts(Connection c, long cohortId, Instant since, @Nullable Instant until) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT COUNT(*), SUM(CASE WHEN EXISTS (
                           SELECT 1 FROM reflection_entry r WHERE r.person_id = o.person_id AND r.deleted_at IS NULL
                           AND r.created_at >= o.sent_at AND r.created_at < o.sent_at + INTERVAL '%d' DAY) THEN 1 ELSE 0 END)
                FROM person p JOIN outbound_message o ON o.person_id = p.id
                WHERE p.cohort_id = ? AND o.campaign LIKE 'nudge:reflection-prompt:%%' AND o.status = 'SENT'
                  AND o.sent_at >= ?%s""".formatted(PROMPT_ANSWER_DAYS, until == null ? "" : " AND o.sent_at < ?"))) {
            s.setLong(1, cohortId);
            s.setObject(2, since.atOffset(ZoneOffset.UTC));
            if (until != null) {
                s.setObject(3, until.atOffset(ZoneOffset.UTC));
            }
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
