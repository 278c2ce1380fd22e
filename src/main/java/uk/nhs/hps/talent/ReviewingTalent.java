package uk.nhs.hps.talent;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;
import uk.nhs.hps.people.DevelopmentStream;
import uk.nhs.hps.people.SchemeTimeZone;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The programme team's talent pages in the console (issue 16, page 2): the 9-box of a cohort and cycle as counts per
 * box, movement between two cycles, the moderation queue and the conversations still outstanding. Counts come from one
 * query over the cohort's participants; nothing a participant or sponsor wrote is read except, in the moderation queue,
 * the proposed boxes and the ratings and evidence behind them (never the aspirations, the drivers, the development
 * wishes or the wellbeing note). The aggregate views are audited as one line each (actor, cohort, cycle, filter); the
 * views that name people audit a read of each person named, as {@link TalentReports#cohort} does.
 */
@Singleton
public class ReviewingTalent {

    /** Action names of the one audit line an aggregate view writes. */
    static final String HEAT_MAP_VIEWED = "VIEW_TALENT_HEAT_MAP";
    static final String MOVEMENT_VIEWED = "VIEW_TALENT_MOVEMENT";
    /** Filter value meaning "no filter". */
    public static final String ALL = "all";
    /** Filter value for participants without a stream or organisation on the roster. */
    public static final String NONE = "none";
    private static final Pattern CYCLE = Pattern.compile("\\d{4}-\\d{2}");

    /** The cohort and cycle a page is about, and the others that could be chosen. */
    public record Scope(long cohortId, String cohortName, List<Cohort> cohorts, String cycle, List<String> cycles) {
    }

    /** A grid's axis labels and box labels, top row (highest potential) first, columns from lowest performance. */
    public record Axes(String version, String source, List<String> potential, List<String> performance,
                       List<List<String>> boxKeys, Map<String, String> boxLabels, Map<String, String> shortLabels) {
    }

    /** One box of the heat map. {@code share} is the count as a part of the largest box (0 to 1), for the colour. */
    public record Cell(String box, String label, int count, double share) {
    }

    public record HeatMap(Scope scope, Axes axes, String stream, String organisation, List<String> organisations,
                          int participants, int placed, List<List<Cell>> rows) {
    }

    /** From-cycle box (or null: not placed) to to-cycle box (or null) with how many participants. */
    public record Movement(Scope scope, String from, String to, TalentGrid grid, Axes fromAxes, Axes toAxes, List<String> boxes,
                           Map<String, Map<String, Integer>> counts, int participants, int up, int same, int down,
                           int across, int firstPlaced, int noLongerPlaced, int neither) {
        /** The key of the "not placed" row and column. */
        public static final String NOT_PLACED = "NOT_PLACED";

        public int count(String fromBox, String toBox) {
            return counts.getOrDefault(fromBox, Map.of()).getOrDefault(toBox, 0);
        }
    }

    /** What one party proposed: their box, their performance rating, and each indicator's rating with evidence. */
    public record Proposal(@Nullable String box, @Nullable String boxLabel, @Nullable String performance,
                           List<Evidence> evidence, boolean submitted) {
    }

    public record Evidence(String area, @Nullable String rating, String text) {
    }

    public record QueueItem(long reviewId, long participantId, String participantName, @Nullable String sponsorName,
                            String status, @Nullable String agreedBox, @Nullable String agreedLabel, @Nullable Instant agreedAt,
                            @Nullable Instant moderatedAt, Proposal participant, Proposal sponsor) {
    }

    public record Queue(Scope scope, List<QueueItem> awaitingModeration, List<QueueItem> awaitingFeedback) {
    }

    public record Outstanding(Scope scope, LocalDate cycleOpened, long daysSinceOpened, List<Conversation> conversations) {
    }

    /** A participant whose conversation is not yet agreed; {@code lastActivity} null when nothing was started. */
    public record Conversation(long participantId, String participantName, @Nullable String sponsorName, String stage,
                               @Nullable Instant lastActivity, @Nullable Long daysSinceActivity) {
    }

    private final TransactionOperations<Connection> transactions;
    private final CohortRepository cohorts;
    private final TalentReviews conversation;
    private final TalentGrids grids;
    private final TalentIndicators indicators;
    private final Access access;
    private final AuditLog audit;
    private final Clock clock;

    ReviewingTalent(TransactionOperations<Connection> transactions, CohortRepository cohorts, TalentReviews conversation,
                    TalentGrids grids, TalentIndicators indicators, Access access, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.cohorts = cohorts;
        this.conversation = conversation;
        this.grids = grids;
        this.indicators = indicators;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- the heat map

    /** Counts per box for the cohort and cycle, filtered by stream and organisation ("all" for none). */
    public Optional<HeatMap> heatMap(long actorId, @Nullable Long cohortId, @Nullable String cycle, @Nullable String stream,
                                     @Nullable String organisation) {
        Optional<Scope> found = scope(actorId, cohortId, cycle, "talent heat map");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Scope scope = found.get();
        String s = stream == null || stream.isBlank() ? ALL : stream.strip();
        if (!List.of(ALL, "1", "2", NONE).contains(s)) {
            throw new InvalidRequest("There is no development stream “" + s + "”: choose 1, 2, none or all.");
        }
        List<Row> rows = rows(scope.cohortId(), scope.cycle(), null);
        Set<String> organisations = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        rows.stream().map(Row::organisation).filter(o -> o != null && !o.isBlank()).forEach(organisations::add);
        String o = organisation == null || organisation.isBlank() ? ALL : organisation.strip();
        if (!o.equals(ALL) && !o.equals(NONE) && !organisations.contains(o)) {
            throw new InvalidRequest("No participant of " + scope.cohortName() + " is from the organisation “" + o + "”.");
        }
        List<Row> chosen = rows.stream().filter(r -> s.equals(ALL) || s.equals(r.stream()))
                .filter(r -> o.equals(ALL) || (o.equals(NONE) ? r.organisation() == null || r.organisation().isBlank()
                        : o.equalsIgnoreCase(r.organisation())))
                .toList();
        TalentGrid grid = gridOf(chosen.isEmpty() ? rows : chosen);
        Map<String, Integer> perBox = new HashMap<>();
        int placed = 0;
        for (Row r : chosen) {
            if (r.box() != null) {
                perBox.merge(r.box(), 1, Integer::sum);
                placed++;
            }
        }
        int most = perBox.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        Axes axes = axes(grid);
        List<List<Cell>> cells = axes.boxKeys().stream().map(row -> row.stream().map(key -> {
            int n = perBox.getOrDefault(key, 0);
            return new Cell(key, axes.boxLabels().get(key), n, most == 0 ? 0 : (double) n / most);
        }).toList()).toList();
        audit.record(AuditLog.person(actorId), HEAT_MAP_VIEWED, null, "cohort " + scope.cohortId() + ", cycle " + scope.cycle()
                + ", stream " + s + ", organisation " + o);
        return Optional.of(new HeatMap(scope, axes, s, o, List.copyOf(organisations), chosen.size(), placed, cells));
    }

    // ---- movement between two cycles

    /** From each box of one cycle to each box of another (the later unless chosen otherwise), with "not placed". */
    public Optional<Movement> movement(long actorId, @Nullable Long cohortId, @Nullable String from, @Nullable String to) {
        Optional<Scope> found = scope(actorId, cohortId, to, "talent movement");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Scope scope = found.get();
        String f;
        if (from == null || from.isBlank()) {
            f = scope.cycles().stream().filter(c -> c.compareTo(scope.cycle()) < 0).findFirst()
                    .orElse(TalentReviews.cycleOf(cycleStart(scope.cycle()).minusYears(1)));
        } else {
            f = from.strip();
            if (!scope.cycles().contains(f)) {
                throw new InvalidRequest(unknownCycle(f, scope.cycles()));
            }
        }
        if (f.equals(scope.cycle())) {
            throw new InvalidRequest("Choose two different cycles: “from” and “to” are both " + f + ".");
        }
        List<Row> rows = rows(scope.cohortId(), scope.cycle(), f);
        TalentGrid toGrid = gridOf(rows);
        TalentGrid fromGrid = gridOf(rows.stream().map(r -> new Row(r.participantId(), r.organisation(), r.stream(),
                r.previousBox(), r.previousGridVersion(), null, null)).toList());
        List<String> boxes = new ArrayList<>(toGrid.boxKeys());
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        int up = 0;
        int same = 0;
        int down = 0;
        int across = 0;
        int first = 0;
        int lost = 0;
        int neither = 0;
        for (Row r : rows) {
            String a = r.previousBox() == null ? Movement.NOT_PLACED : r.previousBox();
            String b = r.box() == null ? Movement.NOT_PLACED : r.box();
            counts.computeIfAbsent(a, k -> new LinkedHashMap<>()).merge(b, 1, Integer::sum);
            if (r.previousBox() == null && r.box() == null) {
                neither++;
            } else if (r.previousBox() == null) {
                first++;
            } else if (r.box() == null) {
                lost++;
            } else {
                switch (TalentReports.movement(toGrid, r.previousBox(), r.box())) {
                    case "UP" -> up++;
                    case "DOWN" -> down++;
                    case "SAME" -> same++;
                    default -> across++;
                }
            }
        }
        audit.record(AuditLog.person(actorId), MOVEMENT_VIEWED, null, "cohort " + scope.cohortId() + ", from cycle " + f
                + " to cycle " + scope.cycle());
        return Optional.of(new Movement(scope, f, scope.cycle(), toGrid, axes(fromGrid), axes(toGrid), boxes, counts, rows.size(),
                up, same, down, across, first, lost, neither));
    }

    // ---- the moderation queue

    /** Reviews agreed by both and awaiting moderation, and moderated ones awaiting feedback; each person named audited. */
    public Optional<Queue> queue(long actorId, @Nullable Long cohortId, @Nullable String cycle) {
        Optional<Scope> found = scope(actorId, cohortId, cycle, "talent moderation queue");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Scope scope = found.get();
        List<QueueItem> moderation = new ArrayList<>();
        List<QueueItem> feedback = new ArrayList<>();
        String why = "console moderation queue, cohort " + scope.cohortId() + ", cycle " + scope.cycle();
        Set<Long> sponsorsNamed = new LinkedHashSet<>();
        for (Queued q : queued(scope.cohortId(), scope.cycle(), null)) {
            // moderating is reading what each party proposed: the programme team may moderate (MODERATE_TALENT)
            access.require(actorId, Action.MODERATE_TALENT, q.participantId(), "console: moderation queue");
            TalentGrid grid = grids.of(q.gridVersion());
            QueueItem item = new QueueItem(q.reviewId(), q.participantId(), q.participantName(), q.sponsorName(), q.status(),
                    q.agreedBox(), grid.boxLabel(q.agreedBox()), q.agreedAt(), q.moderatedAt(),
                    proposal(grid, q.preparation(), q.preparationSubmitted()), proposal(grid, q.sponsorInput(), q.sponsorSubmitted()));
            (q.status().equals(TalentReview.Status.AGREED.name()) ? moderation : feedback).add(item);
            audit.record(AuditLog.person(actorId), AuditLog.READ, q.participantId(), "VIEW_TALENT_PROPOSALS: " + why);
            if (q.sponsorId() != null && q.sponsorName() != null) {
                sponsorsNamed.add(q.sponsorId());
            }
        }
        sponsorsNamed.forEach(id -> audit.record(AuditLog.person(actorId), AuditLog.READ, id, "VIEW_PROFILE: named as sponsor in " + why));
        return Optional.of(new Queue(scope, moderation, feedback));
    }

    /**
     * One review of the cohort as the queue shows it, for the confirmation before "fed back" (the participant is told);
     * {@link NotFound} for a review of another cohort. The participant named is audited as the queue audits them.
     */
    public QueueItem review(long actorId, long cohortId, long reviewId) {
        access.require(actorId, Action.VIEW_COHORT_REPORTS, null, "console: talent review");
        Queued q = queued(cohortId, null, reviewId).stream().findFirst()
                .orElseThrow(() -> new NotFound("There is no talent review " + reviewId + " in this cohort."));
        access.require(actorId, Action.MODERATE_TALENT, q.participantId(), "console: talent review");
        audit.record(AuditLog.person(actorId), AuditLog.READ, q.participantId(), "VIEW_TALENT_PLACEMENTS: console feedback"
                + " confirmation, cohort " + cohortId + ", talent review " + reviewId);
        TalentGrid grid = grids.of(q.gridVersion());
        return new QueueItem(q.reviewId(), q.participantId(), q.participantName(), null, q.status(), q.agreedBox(),
                grid.boxLabel(q.agreedBox()), q.agreedAt(), q.moderatedAt(), proposal(grid, "{}", false), proposal(grid, "{}", false));
    }

    private Proposal proposal(TalentGrid grid, String json, boolean submitted) {
        if (!submitted) {
            return new Proposal(null, null, null, List.of(), false);
        }
        Map<String, String> answers = TalentReview.fields(json);
        String box = blankToNull(answers.get("proposedBox"));
        List<Evidence> evidence = new ArrayList<>();
        for (TalentIndicators.Area area : indicators.areas()) {
            evidence.add(new Evidence(area.label(), label(grid.ratings(), answers.get("rating_" + area.key())),
                    answers.getOrDefault("evidence_" + area.key(), "")));
        }
        return new Proposal(box, box == null ? null : grid.boxLabel(box), label(grid.performance(), answers.get("performance")),
                evidence, true);
    }

    // ---- outstanding conversations

    /** Participants whose conversation for the cycle is not agreed yet (none started, or still PREPARING). */
    public Optional<Outstanding> outstanding(long actorId, @Nullable Long cohortId, @Nullable String cycle) {
        Optional<Scope> found = scope(actorId, cohortId, cycle, "talent outstanding conversations");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Scope scope = found.get();
        LocalDate today = LocalDate.now(clock.withZone(SchemeTimeZone.ZONE));
        LocalDate opened = cycleStart(scope.cycle());
        List<Conversation> out = new ArrayList<>();
        String why = "console outstanding conversations, cohort " + scope.cohortId() + ", cycle " + scope.cycle();
        Set<Long> sponsorsNamed = new LinkedHashSet<>();
        for (Pending p : pending(scope.cohortId(), scope.cycle(), today)) {
            Long days = p.updatedAt() == null ? null
                    : ChronoUnit.DAYS.between(p.updatedAt().atZone(SchemeTimeZone.ZONE).toLocalDate(), today);
            out.add(new Conversation(p.participantId(), p.participantName(), p.sponsorName(), p.stage(), p.updatedAt(), days));
            audit.record(AuditLog.person(actorId), AuditLog.READ, p.participantId(), "VIEW_TALENT_PLACEMENTS: " + why);
            if (p.sponsorId() != null) {
                sponsorsNamed.add(p.sponsorId());
            }
        }
        sponsorsNamed.forEach(id -> audit.record(AuditLog.person(actorId), AuditLog.READ, id, "VIEW_PROFILE: named as sponsor in " + why));
        return Optional.of(new Outstanding(scope, opened, Math.max(0, ChronoUnit.DAYS.between(opened, today)), out));
    }

    // ---- shared

    /**
     * The cohort (the latest started when none is given) and cycle (the current one when none is given); empty when
     * there are no cohorts. An unknown cohort is {@link NotFound}, a cycle nobody in the cohort has a review in (other
     * than the current one) {@link InvalidRequest}.
     */
    private Optional<Scope> scope(long actorId, @Nullable Long cohortId, @Nullable String cycle, String what) {
        access.require(actorId, Action.VIEW_COHORT_REPORTS, null, "console: " + what);
        List<Cohort> all = cohorts.listOrderByStartsOn();
        Cohort cohort;
        if (cohortId == null) {
            if (all.isEmpty()) {
                return Optional.empty();
            }
            cohort = all.get(all.size() - 1);
        } else {
            cohort = all.stream().filter(c -> c.id() == cohortId.longValue()).findFirst()
                    .orElseThrow(() -> new NotFound("There is no cohort " + cohortId + "."));
        }
        List<String> cycles = cycles(cohort.id());
        String c = cycle == null || cycle.isBlank() ? conversation.currentCycle() : cycle.strip();
        if (!cycles.contains(c)) {
            throw new InvalidRequest(unknownCycle(c, cycles));
        }
        return Optional.of(new Scope(cohort.id(), cohort.name(), all, c, cycles));
    }

    private static String unknownCycle(String cycle, List<String> cycles) {
        String shown = cycle.length() > 20 ? cycle.substring(0, 20) + "…" : cycle;
        return (CYCLE.matcher(cycle).matches() ? "No one in this cohort has a talent review in the cycle “" + shown + "”."
                : "“" + shown + "” is not a review cycle (they are written like 2026-27).")
                + " Choose one of: " + String.join(", ", cycles) + ".";
    }

    /** The financial year a cycle names starts on 1 April. */
    static LocalDate cycleStart(String cycle) {
        return LocalDate.of(Integer.parseInt(cycle.substring(0, 4)), 4, 1);
    }

    /** The grid most of these placements were made on (its labels head the axes); the current grid when none. */
    private TalentGrid gridOf(List<Row> rows) {
        Map<String, Integer> versions = new HashMap<>();
        rows.stream().filter(r -> r.box() != null && r.gridVersion() != null).forEach(r -> versions.merge(r.gridVersion(), 1, Integer::sum));
        return versions.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> grids.of(e.getKey())).orElseGet(grids::current);
    }

    private static Axes axes(TalentGrid grid) {
        List<List<String>> keys = new ArrayList<>();
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> shortLabels = new LinkedHashMap<>();
        for (TalentGrid.Option pot : grid.potential()) {
            List<String> row = new ArrayList<>();
            for (TalentGrid.Option perf : grid.performance()) {
                String key = pot.key() + "_" + perf.key();
                row.add(key);
                labels.put(key, grid.boxLabel(key));
                shortLabels.put(key, pot.axis() + " / " + perf.axis());
            }
            keys.add(row);
        }
        return new Axes(grid.version(), grid.source(), grid.potential().stream().map(TalentGrid.Option::label).toList(),
                grid.performance().stream().map(TalentGrid.Option::label).toList(), keys, labels, shortLabels);
    }

    @Nullable
    private static String label(List<TalentGrid.Option> options, @Nullable String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        return options.stream().filter(o -> o.key().equals(key)).map(TalentGrid.Option::label).findFirst().orElse(key);
    }

    @Nullable
    private static String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    // ---- queries: the cohort's participants (not erased) with their reviews of the cycles asked for

    private record Row(long participantId, @Nullable String organisation, String stream, @Nullable String box,
                       @Nullable String gridVersion, @Nullable String previousBox, @Nullable String previousGridVersion) {
    }

    private List<String> cycles(long cohortId) {
        Set<String> out = new TreeSet<>(Comparator.reverseOrder());
        out.add(conversation.currentCycle());
        transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement("""
                    SELECT DISTINCT r.cycle FROM talent_review r JOIN person p ON p.id = r.participant_person_id
                    WHERE p.cohort_id = ?""")) {
                s.setLong(1, cohortId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return null;
        });
        return List.copyOf(out);
    }

    /** One row per participant: their box in {@code cycle} and, when {@code previous} is given, in that cycle. */
    private List<Row> rows(long cohortId, String cycle, @Nullable String previous) {
        String sql = "SELECT p.id, p.organisation, p.development_stream, r.agreed_box, r.grid_version"
                + (previous == null ? ", NULL, NULL" : ", q.agreed_box, q.grid_version")
                + " FROM person p LEFT JOIN talent_review r ON r.participant_person_id = p.id AND r.cycle = ?"
                + (previous == null ? "" : " LEFT JOIN talent_review q ON q.participant_person_id = p.id AND q.cycle = ?")
                + " WHERE p.cohort_id = ? AND p.role = 'PARTICIPANT' AND p.anonymised_at IS NULL";
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(sql)) {
                int i = 1;
                s.setString(i++, cycle);
                if (previous != null) {
                    s.setString(i++, previous);
                }
                s.setLong(i, cohortId);
                List<Row> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Row(rs.getLong(1), rs.getString(2), stream(rs.getString(3)), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7)));
                    }
                }
                return out;
            }
        });
    }

    private static String stream(@Nullable String column) {
        if (column == null) {
            return NONE;
        }
        try {
            return String.valueOf(DevelopmentStream.valueOf(column).number());
        } catch (IllegalArgumentException e) {
            return NONE;
        }
    }

    private record Queued(long reviewId, long participantId, String participantName, @Nullable Long sponsorId,
                          @Nullable String sponsorName, String status, @Nullable String agreedBox, String gridVersion,
                          @Nullable Instant agreedAt, @Nullable Instant moderatedAt, String preparation, boolean preparationSubmitted,
                          String sponsorInput, boolean sponsorSubmitted) {
    }

    /**
     * The cycle's reviews AGREED or MODERATED, oldest agreement first; or, with {@code reviewId}, that review of the
     * cohort in whatever state. The wellbeing note is not even selected.
     */
    private List<Queued> queued(long cohortId, @Nullable String cycle, @Nullable Long reviewId) {
        String which = reviewId == null ? "r.cycle = ? AND r.status IN ('AGREED', 'MODERATED')" : "r.id = ?";
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement("""
                    SELECT r.id, p.id, p.display_name, r.sponsor_id, sp.display_name, r.status, r.agreed_box, r.grid_version,
                           r.agreed_at, r.moderated_at, r.preparation, r.preparation_submitted_at, r.sponsor_input,
                           r.sponsor_submitted_at
                    FROM talent_review r JOIN person p ON p.id = r.participant_person_id
                    LEFT JOIN person sp ON sp.id = r.sponsor_id AND sp.anonymised_at IS NULL
                    WHERE p.cohort_id = ? AND p.anonymised_at IS NULL""" + " AND " + which + " ORDER BY r.agreed_at, r.id")) {
                s.setLong(1, cohortId);
                if (reviewId == null) {
                    s.setString(2, cycle);
                } else {
                    s.setLong(2, reviewId);
                }
                List<Queued> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long sponsor = rs.getLong(4);
                        Long sponsorId = rs.wasNull() ? null : sponsor;
                        out.add(new Queued(rs.getLong(1), rs.getLong(2), rs.getString(3), sponsorId, rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), instant(rs, 9), instant(rs, 10),
                                rs.getString(11), rs.getObject(12) != null, rs.getString(13), rs.getObject(14) != null));
                    }
                }
                return out;
            }
        });
    }

    private record Pending(long participantId, String participantName, @Nullable Long sponsorId, @Nullable String sponsorName,
                           String stage, @Nullable Instant updatedAt) {
    }

    /** Participants with no review in the cycle or one still PREPARING, with their current sponsor; by name. */
    private List<Pending> pending(long cohortId, String cycle, LocalDate today) {
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement("""
                    SELECT p.id, p.display_name, sp.id, sp.display_name, r.id, r.preparation_submitted_at,
                           r.sponsor_submitted_at, r.updated_at
                    FROM person p LEFT JOIN talent_review r ON r.participant_person_id = p.id AND r.cycle = ?
                    LEFT JOIN sponsorship sh ON sh.participant_id = p.id AND sh.starts_on <= ? AND (sh.ends_on IS NULL OR sh.ends_on >= ?)
                    LEFT JOIN person sp ON sp.id = sh.sponsor_id AND sp.anonymised_at IS NULL
                    WHERE p.cohort_id = ? AND p.role = 'PARTICIPANT' AND p.anonymised_at IS NULL
                      AND (r.id IS NULL OR r.status = 'PREPARING')
                    ORDER BY p.display_name, p.id""")) {
                s.setString(1, cycle);
                s.setDate(2, Date.valueOf(today));
                s.setDate(3, Date.valueOf(today));
                s.setLong(4, cohortId);
                Map<Long, Pending> out = new LinkedHashMap<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long sponsor = rs.getLong(3);
                        Long sponsorId = rs.wasNull() ? null : sponsor;
                        rs.getLong(5);
                        boolean started = !rs.wasNull();
                        String stage = !started ? "NOT_STARTED" : rs.getObject(6) == null ? "PARTICIPANT_PREPARING"
                                : rs.getObject(7) == null ? "AWAITING_SPONSOR" : "AWAITING_AGREEMENT";
                        // two current sponsorships (a hand-over on the day) name the participant once
                        out.putIfAbsent(rs.getLong(1), new Pending(rs.getLong(1), rs.getString(2), sponsorId, rs.getString(4),
                                stage, instant(rs, 8)));
                    }
                }
                return List.copyOf(out.values());
            }
        });
    }

    @Nullable
    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
