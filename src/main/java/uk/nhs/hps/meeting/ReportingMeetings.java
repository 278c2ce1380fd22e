package uk.nhs.hps.meeting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;
import uk.nhs.hps.people.DevelopmentStream;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The programme team's view of a cohort's sponsor meetings, pair by pair: for each sponsorship of a participant in
 * the cohort, month by month over a range, whether they met, booked, missed or skipped (with the reason given), the
 * pair's totals, the participant's engagement (reflective prompts answered, reflections logged) and the monthly
 * escalation digest ({@link MeetingDigest#figures}). Filtered by stream, organisation, a name and "only pairs with
 * a missed month"; a page at a time or every matching pair as CSV.
 *
 * <p>Each figure is one grouped query over the pairs of a page (or of the CSV in chunks), never one per person, so
 * a 2,000-participant cohort costs the same few queries as a small one. It is a cohort report
 * ({@code VIEW_COHORT_REPORTS}, the programme team's); every person it names (participant, sponsor, the digest's names)
 * is a read of their meeting status, written to the audit log one by one as the admin API's reads are. Erased
 * participants never appear; an erased sponsor's pair keeps its months but not the name. The private note of a
 * meeting and reflections' text are never read.
 */
@Singleton
public class ReportingMeetings {

    public static final int PAGE_SIZE = 100;
    public static final int DEFAULT_MONTHS = 6;
    public static final int MAX_MONTHS = 24;
    /** A CSV holds at most this many pairs; the page says when a filter matches more. */
    public static final int CSV_LIMIT = 10_000;
    /** A prompt counts as answered when a reflection is logged within this many days (as the cohort overview counts). */
    public static final int PROMPT_ANSWER_DAYS = 7;
    private static final int CHUNK = 500;
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    /** The filters as typed; blank means any (the cohort: the newest; the months: the last six). */
    public record Query(@Nullable Long cohortId, @Nullable String from, @Nullable String to, @Nullable String stream,
                        @Nullable String organisation, @Nullable String name, boolean onlyMissed,
                        @Nullable String digestMonth, int page) {
    }

    /** How one month of a pairing stands. */
    public enum Kind { NOT_PAIRED, NOTHING_RECORDED, SNOOZED, BOOKED, MET, SKIPPED, MISSED }

    /** One month of a pair: {@code on} is the meeting's, booking's or snooze's date; {@code reason} a skip's reason. */
    public record Cell(YearMonth month, Kind kind, @Nullable LocalDate on, @Nullable String reason) {
    }

    /** A sponsorship over the range; {@code sponsor} null when the sponsor was erased. */
    public record Pair(long sponsorshipId, long participantId, String participant, long sponsorId, @Nullable String sponsor,
                       @Nullable String organisation, @Nullable Integer stream, LocalDate from, @Nullable LocalDate until,
                       List<Cell> months, int met, int booked, int missed, int skipped) {
    }

    /** A participant's reflective prompts delivered in the range, those followed by an entry, and entries logged. */
    public record Engagement(long participantId, String participant, int promptsSent, int promptsAnswered, int reflections) {
    }

    public record CohortChoice(long id, String name) {
    }

    /**
     * What the filter shows. {@code cohort} empty when there is no cohort at all; {@code errors} (field to message) when
     * a filter could not be read, and then nothing else is filled in. {@code cohortPairs} counts every pairing the cohort
     * has ever had, whatever the filter, so an empty page can say whether the cohort or the filter is empty.
     */
    public record Report(List<CohortChoice> cohorts, Optional<Cohort> cohort, List<String> organisations, List<YearMonth> months,
                         List<Pair> pairs, int totalPairs, int cohortPairs, int page, int pages, List<Engagement> engagement,
                         @Nullable MeetingDigest.Figures digest, YearMonth lastClosedMonth, Map<String, String> errors) {
    }

    /** Every matching pair (at most {@link #CSV_LIMIT}), for the CSV. */
    public record Export(Cohort cohort, List<YearMonth> months, List<Pair> pairs, Map<Long, Engagement> engagement) {
    }

    private record Range(List<YearMonth> months, YearMonth digestMonth) {
    }

    private record Filter(String from, List<Object> parameters) {
    }

    private final TransactionOperations<Connection> transactions;
    private final CohortRepository cohorts;
    private final MeetingDigest digest;
    private final Access access;
    private final AuditLog audit;
    private final Clock clock;

    ReportingMeetings(TransactionOperations<Connection> transactions, CohortRepository cohorts, MeetingDigest digest,
                      Access access, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.cohorts = cohorts;
        this.digest = digest;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    public Report report(long actorId, Query query) {
        access.require(actorId, Action.VIEW_COHORT_REPORTS, null, "console: meetings and engagement");
        List<CohortChoice> choices = choices();
        YearMonth lastClosed = digest.lastMonth();
        if (choices.isEmpty()) {
            return new Report(choices, Optional.empty(), List.of(), List.of(), List.of(), 0, 0, 1, 1, List.of(), null,
                    lastClosed, Map.of());
        }
        Cohort cohort = cohort(query.cohortId() == null ? choices.get(0).id() : query.cohortId());
        List<String> organisations = transactions.executeRead(status -> organisations(status.getConnection(), cohort.id()));
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Range> range = range(cohort, query, lastClosed, errors);
        if (range.isEmpty()) {
            return new Report(choices, Optional.of(cohort), organisations, List.of(), List.of(), 0, 0, 1, 1, List.of(), null,
                    lastClosed, errors);
        }
        List<YearMonth> months = range.get().months();
        MeetingDigest.Figures figures = digest.figures(actorId, range.get().digestMonth());
        Report report = transactions.executeRead(status -> {
            Connection c = status.getConnection();
            int cohortPairs = single(c, "SELECT COUNT(*) FROM sponsorship s JOIN person p ON p.id = s.participant_id"
                    + " WHERE p.cohort_id = ? AND p.anonymised_at IS NULL", List.of(cohort.id()));
            if (months.isEmpty()) {
                return new Report(choices, Optional.of(cohort), organisations, months, List.of(), 0, cohortPairs, 1, 1,
                        List.of(), figures, lastClosed, Map.of());
            }
            Filter filter = filter(cohort.id(), months, query);
            int total = single(c, "SELECT COUNT(*)" + filter.from(), filter.parameters());
            int pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
            int page = Math.max(1, Math.min(query.page(), pages));
            List<Pair> pairs = pairs(c, filter, months, PAGE_SIZE, (page - 1) * PAGE_SIZE);
            Map<Long, Engagement> engagement = engagement(c, pairs, months, ZoneId.of(cohort.timeZone()));
            return new Report(choices, Optional.of(cohort), organisations, months, pairs, total, cohortPairs, page, pages,
                    List.copyOf(engagement.values()), figures, lastClosed, Map.of());
        });
        auditNamed(actorId, report.pairs(), figures, "console: meetings and engagement");
        return report;
    }

    /** Every pair the filter matches (no paging), with each participant's engagement; empty when a filter is wrong. */
    public Optional<Export> export(long actorId, Query query) {
        access.require(actorId, Action.VIEW_COHORT_REPORTS, null, "console: meetings and engagement CSV");
        List<CohortChoice> choices = choices();
        if (choices.isEmpty()) {
            return Optional.empty();
        }
        Cohort cohort = cohort(query.cohortId() == null ? choices.get(0).id() : query.cohortId());
        Optional<Range> range = range(cohort, query, digest.lastMonth(), new HashMap<>());
        if (range.isEmpty()) {
            return Optional.empty();
        }
        List<YearMonth> months = range.get().months();
        Export export = transactions.executeRead(status -> {
            Connection c = status.getConnection();
            if (months.isEmpty()) {
                return new Export(cohort, months, List.of(), Map.of());
            }
            Filter filter = filter(cohort.id(), months, query);
            List<Pair> pairs = pairs(c, filter, months, CSV_LIMIT, 0);
            return new Export(cohort, months, pairs, engagement(c, pairs, months, ZoneId.of(cohort.timeZone())));
        });
        auditNamed(actorId, export.pairs(), null, "console: meetings and engagement CSV");
        return Optional.of(export);
    }

    private List<CohortChoice> choices() {
        List<CohortChoice> all = new ArrayList<>();
        cohorts.findAll().forEach(c -> all.add(new CohortChoice(c.id(), c.name())));
        all.sort(Comparator.comparing(CohortChoice::id).reversed());
        return all;
    }

    private Cohort cohort(long id) {
        return cohorts.findById(id).orElseThrow(() -> new NotFound("There is no cohort " + id + "."));
    }

    /**
     * The months shown: as typed, or the last {@value #DEFAULT_MONTHS} of the cohort up to this month (none while it
     * has not started); and the digest's month: as typed, or the last month that has ended.
     */
    private Optional<Range> range(Cohort cohort, Query query, YearMonth lastClosed, Map<String, String> errors) {
        YearMonth from = month(query.from(), "from", "the first month", errors);
        YearMonth to = month(query.to(), "to", "the last month", errors);
        YearMonth digestMonth = month(query.digestMonth(), "digest", "the digest's month", errors);
        String stream = blank(query.stream());
        if (stream != null && !List.of("1", "2", "none").contains(stream)) {
            errors.put("stream", "Choose stream 1, stream 2, no stream recorded or any stream.");
        }
        if (digestMonth != null && digestMonth.isAfter(lastClosed)) {
            errors.put("digest", "Choose a month that has ended: " + lastClosed.getMonth().getDisplayName(
                    java.time.format.TextStyle.FULL, Locale.UK) + " " + lastClosed.getYear() + " or earlier.");
        }
        if (!errors.isEmpty()) {
            return Optional.empty();
        }
        List<YearMonth> months = new ArrayList<>();
        if (from == null && to == null) {
            // the cohort's last six months so far: none before it starts
            YearMonth thisMonth = YearMonth.from(clock.instant().atZone(ZoneId.of(cohort.timeZone())));
            YearMonth start = YearMonth.from(cohort.startsOn());
            to = YearMonth.from(cohort.endsOn()).isBefore(thisMonth) ? YearMonth.from(cohort.endsOn()) : thisMonth;
            from = to.minusMonths(DEFAULT_MONTHS - 1L).isBefore(start) ? start : to.minusMonths(DEFAULT_MONTHS - 1L);
            if (to.isBefore(start)) {
                return Optional.of(new Range(months, digestMonth != null ? digestMonth : lastClosed));
            }
        } else if (to == null) {
            to = from.plusMonths(DEFAULT_MONTHS - 1L);
        } else if (from == null) {
            from = to.minusMonths(DEFAULT_MONTHS - 1L);
        } else if (to.isBefore(from)) {
            errors.put("to", "The last month must be the same as or after the first month.");
            return Optional.empty();
        }
        if (ChronoUnit.MONTHS.between(from, to) >= MAX_MONTHS) {
            errors.put("to", "Choose at most " + MAX_MONTHS + " months: the last month is more than " + MAX_MONTHS
                    + " months after the first.");
            return Optional.empty();
        }
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            months.add(m);
        }
        return Optional.of(new Range(months, digestMonth != null ? digestMonth : lastClosed));
    }

    /** The pairs of the cohort over the months that match the filters (a FROM ... WHERE clause and its parameters). */
    private static Filter filter(long cohortId, List<YearMonth> months, Query query) {
        LocalDate first = months.get(0).atDay(1);
        LocalDate last = months.get(months.size() - 1).atEndOfMonth();
        List<Object> parameters = new ArrayList<>(List.of(cohortId, Date.valueOf(last), Date.valueOf(first)));
        StringBuilder sql = new StringBuilder("""
                 FROM sponsorship s JOIN person p ON p.id = s.participant_id JOIN person sp ON sp.id = s.sponsor_id
                WHERE p.cohort_id = ? AND p.anonymised_at IS NULL AND s.starts_on <= ? AND (s.ends_on IS NULL OR s.ends_on >= ?)""");
        String stream = blank(query.stream());
        if ("none".equals(stream)) {
            sql.append(" AND p.development_stream IS NULL");
        } else if (stream != null) {
            sql.append(" AND p.development_stream = ?");
            parameters.add(DevelopmentStream.ofNumber(Integer.parseInt(stream)).orElseThrow().name());
        }
        String organisation = blank(query.organisation());
        if (organisation != null) {
            sql.append(" AND p.organisation = ?");
            parameters.add(organisation);
        }
        String name = blank(query.name());
        if (name != null) {
            String pattern = "%" + escape(name.toLowerCase(Locale.ROOT)) + "%";
            sql.append(" AND (LOWER(p.display_name) LIKE ? OR (sp.anonymised_at IS NULL AND LOWER(sp.display_name) LIKE ?))");
            parameters.add(pattern);
            parameters.add(pattern);
        }
        if (query.onlyMissed()) {
            sql.append("""
                     AND EXISTS (SELECT 1 FROM meeting_month mm WHERE mm.sponsorship_id = s.id AND mm.status = 'MISSED'
                                AND mm.month_start BETWEEN ? AND ?)""");
            parameters.add(Date.valueOf(first));
            parameters.add(Date.valueOf(months.get(months.size() - 1).atDay(1)));
        }
        return new Filter(sql.toString(), parameters);
    }

    private static List<Pair> pairs(Connection c, Filter filter, List<YearMonth> months, int limit, int offset)
            throws SQLException {
        record Row(long sponsorshipId, long participantId, String participant, long sponsorId, @Nullable String sponsor,
                   @Nullable String organisation, @Nullable String stream, LocalDate from, @Nullable LocalDate until) {
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT s.id, p.id, p.display_name, sp.id, CASE WHEN sp.anonymised_at IS NULL THEN sp.display_name END,
                       p.organisation, p.development_stream, s.starts_on, s.ends_on""" + filter.from()
                + " ORDER BY LOWER(p.display_name), p.id, s.starts_on, s.id LIMIT " + limit + " OFFSET " + offset)) {
            bind(s, filter.parameters());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDate.class)));
                }
            }
        }
        Map<Long, Map<YearMonth, Cell>> recorded = recorded(c, rows.stream().map(Row::sponsorshipId).toList(), months);
        List<Pair> pairs = new ArrayList<>();
        for (Row r : rows) {
            Map<YearMonth, Cell> mine = recorded.getOrDefault(r.sponsorshipId(), Map.of());
            List<Cell> cells = new ArrayList<>();
            int[] totals = new int[4];
            for (YearMonth m : months) {
                Cell cell = mine.get(m);
                if (cell == null) {
                    boolean paired = !r.from().isAfter(m.atEndOfMonth()) && (r.until() == null || !r.until().isBefore(m.atDay(1)));
                    cell = new Cell(m, paired ? Kind.NOTHING_RECORDED : Kind.NOT_PAIRED, null, null);
                }
                switch (cell.kind()) {
                    case MET -> totals[0]++;
                    case BOOKED -> totals[1]++;
                    case MISSED -> totals[2]++;
                    case SKIPPED -> totals[3]++;
                    default -> { /* nothing to count */ }
                }
                cells.add(cell);
            }
            pairs.add(new Pair(r.sponsorshipId(), r.participantId(), r.participant(), r.sponsorId(), r.sponsor(),
                    r.organisation(), r.stream() == null ? null : DevelopmentStream.valueOf(r.stream()).number(), r.from(),
                    r.until(), cells, totals[0], totals[1], totals[2], totals[3]));
        }
        return pairs;
    }

    /** The recorded months of the pairs, in one query per {@value #CHUNK} pairs (never the private note). */
    private static Map<Long, Map<YearMonth, Cell>> recorded(Connection c, List<Long> sponsorships, List<YearMonth> months)
            throws SQLException {
        Map<Long, Map<YearMonth, Cell>> out = new HashMap<>();
        for (List<Long> chunk : chunks(sponsorships)) {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT sponsorship_id, month_start, status, met_on, booked_for, snoozed_until, reason FROM meeting_month
                    WHERE month_start BETWEEN ? AND ? AND sponsorship_id IN (%s)""".formatted(marks(chunk.size())))) {
                s.setDate(1, Date.valueOf(months.get(0).atDay(1)));
                s.setDate(2, Date.valueOf(months.get(months.size() - 1).atDay(1)));
                for (int i = 0; i < chunk.size(); i++) {
                    s.setLong(i + 3, chunk.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        YearMonth m = YearMonth.from(rs.getObject(2, LocalDate.class));
                        LocalDate snoozed = rs.getObject(6, LocalDate.class);
                        Cell cell = switch (MeetingStatus.valueOf(rs.getString(3))) {
                            case MET -> new Cell(m, Kind.MET, rs.getObject(4, LocalDate.class), null);
                            case BOOKED -> new Cell(m, Kind.BOOKED, rs.getObject(5, LocalDate.class), null);
                            case MISSED -> new Cell(m, Kind.MISSED, null, null);
                            case SKIPPED -> new Cell(m, Kind.SKIPPED, null, rs.getString(7));
                            case OPEN -> snoozed == null ? new Cell(m, Kind.NOTHING_RECORDED, null, null)
                                    : new Cell(m, Kind.SNOOZED, snoozed, null);
                        };
                        out.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(m, cell);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The pairs' participants (each once, in the pairs' order) with their reflective prompts delivered in the range,
     * those followed by an entry within {@value #PROMPT_ANSWER_DAYS} days, and the entries logged in the range (counts
     * only: no entry's text is read). Month bounds are in the cohort's time zone, compared as instants.
     */
    private static Map<Long, Engagement> engagement(Connection c, List<Pair> pairs, List<YearMonth> months, ZoneId zone)
            throws SQLException {
        Map<Long, String> names = new LinkedHashMap<>();
        pairs.forEach(p -> names.putIfAbsent(p.participantId(), p.participant()));
        OffsetDateTime from = months.get(0).atDay(1).atStartOfDay(zone).toInstant().atOffset(ZoneOffset.UTC);
        OffsetDateTime until = months.get(months.size() - 1).plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()
                .atOffset(ZoneOffset.UTC);
        Map<Long, int[]> counts = new HashMap<>();
        for (List<Long> chunk : chunks(List.copyOf(names.keySet()))) {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT o.person_id, COUNT(*), SUM(CASE WHEN EXISTS (
                               SELECT 1 FROM reflection_entry r WHERE r.person_id = o.person_id AND r.deleted_at IS NULL
                               AND r.created_at >= o.sent_at AND r.created_at < o.sent_at + INTERVAL '%d' DAY) THEN 1 ELSE 0 END)
                    FROM outbound_message o
                    WHERE o.status = 'SENT' AND o.campaign LIKE 'nudge:reflection-prompt:%%' AND o.sent_at >= ? AND o.sent_at < ?
                      AND o.person_id IN (%s)
                    GROUP BY o.person_id""".formatted(PROMPT_ANSWER_DAYS, marks(chunk.size())))) {
                bindRange(s, from, until, chunk);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        int[] n = counts.computeIfAbsent(rs.getLong(1), k -> new int[3]);
                        n[0] = rs.getInt(2);
                        n[1] = rs.getInt(3);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT person_id, COUNT(*) FROM reflection_entry
                    WHERE deleted_at IS NULL AND created_at >= ? AND created_at < ? AND person_id IN (%s)
                    GROUP BY person_id""".formatted(marks(chunk.size())))) {
                bindRange(s, from, until, chunk);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        counts.computeIfAbsent(rs.getLong(1), k -> new int[3])[2] = rs.getInt(2);
                    }
                }
            }
        }
        Map<Long, Engagement> out = new LinkedHashMap<>();
        names.forEach((id, name) -> {
            int[] n = counts.getOrDefault(id, new int[3]);
            out.put(id, new Engagement(id, name, n[0], n[1], n[2]));
        });
        return out;
    }

    /**
     * Naming a person is a read of their meeting status: one {@code READ} row per person named, in one transaction, as
     * {@link Access#require} writes it. The request was authorised as a cohort report, which only the programme team
     * may read, and the programme team may read anyone's meeting status, so each person is not asked about again
     * (for 200 people that would be some 1,200 queries).
     */
    private void auditNamed(long actorId, List<Pair> pairs, @Nullable MeetingDigest.Figures figures, String why) {
        Set<Long> named = new LinkedHashSet<>();
        for (Pair p : pairs) {
            named.add(p.participantId());
            if (p.sponsor() != null) {
                named.add(p.sponsorId());
            }
        }
        if (figures != null) {
            figures.missedTwice().stream().limit(MeetingDigest.MAX_NAMES).forEach(m -> {
                named.add(m.participantId());
                if (!m.sponsorErased()) {
                    named.add(m.sponsorId());
                }
            });
        }
        named.remove(actorId);
        if (named.isEmpty()) {
            return;
        }
        String actor = AuditLog.person(actorId);
        transactions.executeWrite(status -> {
            named.forEach(id -> audit.record(actor, AuditLog.READ, id, Action.VIEW_MEETING_STATUS + ": " + why));
            return null;
        });
    }

    private static List<String> organisations(Connection c, long cohortId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT DISTINCT organisation FROM person
                WHERE cohort_id = ? AND anonymised_at IS NULL AND organisation IS NOT NULL ORDER BY organisation""")) {
            s.setLong(1, cohortId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    @Nullable
    private static YearMonth month(@Nullable String text, String field, String what, Map<String, String> errors) {
        String typed = blank(text);
        if (typed == null) {
            return null;
        }
        try {
            if (MONTH.matcher(typed).matches()) {
                return YearMonth.parse(typed);
            }
        } catch (DateTimeParseException e) {
            // said below
        }
        errors.put(field, "Enter " + what + " as a year and month, for example 2027-05.");
        return null;
    }

    private static int single(Connection c, String sql, List<Object> parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, parameters);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void bind(PreparedStatement s, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            s.setObject(i + 1, parameters.get(i));
        }
    }

    private static void bindRange(PreparedStatement s, OffsetDateTime from, OffsetDateTime until, List<Long> ids)
            throws SQLException {
        s.setObject(1, from);
        s.setObject(2, until);
        for (int i = 0; i < ids.size(); i++) {
            s.setLong(i + 3, ids.get(i));
        }
    }

    private static List<List<Long>> chunks(List<Long> ids) {
        List<List<Long>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            out.add(ids.subList(i, Math.min(ids.size(), i + CHUNK)));
        }
        return out;
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    @Nullable
    private static String blank(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
