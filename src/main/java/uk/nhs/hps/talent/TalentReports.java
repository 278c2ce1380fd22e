package uk.nhs.hps.talent;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.csv.CsvCells;
import uk.nhs.hps.people.DevelopmentStream;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.Role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the programme team sees of the talent conversations: per cohort and cycle, placements and status
 * only (never the answers or the wellbeing note), counts per box, movement since the previous agreed
 * placement, and the conversations still outstanding. Each participant included is audited as read.
 */
@Singleton
public class TalentReports {

    @Serdeable
    public record Placement(long participantId, String name, String status, @Nullable String box,
                            @Nullable String boxLabel, @Nullable String previousBox, String movement, @Nullable Long reviewId,
                            @Nullable String gridVersion, @Nullable String gridSource, @Nullable Integer stream) {
    }

    @Serdeable
    public record CohortReport(long cohortId, String cycle, String gridVersion, int participants,
                               Map<String, Integer> perBox, Map<String, Integer> movement,
                               Map<String, Integer> outstanding, Map<String, Map<String, Integer>> perStream,
                               List<Placement> placements) {
    }

    static final String NO_STREAM = "none";

    private final TalentReviewRepository reviews;
    private final TalentReviews conversation;
    private final TalentGrids grids;
    private final PersonRepository people;
    private final AuditLog audit;
    private final Access access;

    TalentReports(TalentReviewRepository reviews, TalentReviews conversation, TalentGrids grids, PersonRepository people,
                  AuditLog audit, Access access) {
        this.access = access;
        this.reviews = reviews;
        this.conversation = conversation;
        this.grids = grids;
        this.people = people;
        this.audit = audit;
    }

    /** The cohort's placements in a cycle (the current one when null), audited under the actor's name. */
    public CohortReport cohort(long cohortId, @Nullable String cycle, String actor) {
        String c = cycle == null || cycle.isBlank() ? conversation.currentCycle() : cycle.strip();
        TalentGrid grid = grids.current();
        List<Person> participants = people.findByCohortId(cohortId).stream()
                .filter(p -> p.role() == Role.PARTICIPANT && p.anonymisedAt() == null).toList();
        Map<String, Integer> perBox = new LinkedHashMap<>();
        grid.boxKeys().forEach(k -> perBox.put(k, 0));
        Map<String, Integer> movement = new LinkedHashMap<>();
        for (String m : List.of("UP", "DOWN", "ACROSS", "SAME", "FIRST_PLACEMENT")) {
            movement.put(m, 0);
        }
        Map<String, Integer> outstanding = new LinkedHashMap<>();
        for (String o : List.of("NOT_STARTED", "PARTICIPANT_PREPARING", "AWAITING_SPONSOR", "AWAITING_AGREEMENT",
                "AWAITING_MODERATION", "AWAITING_FEEDBACK")) {
            outstanding.put(o, 0);
        }
        // 000/001: each participant is on development stream 1 or 2; "none" until the roster says which
        Map<String, Map<String, Integer>> perStream = new LinkedHashMap<>();
        for (String stream : List.of("1", "2", NO_STREAM)) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("participants", 0);
            grid.boxKeys().forEach(k -> counts.put(k, 0));
            perStream.put(stream, counts);
        }
        List<Placement> placements = new ArrayList<>();
        for (Person p : participants) {
            Integer stream = DevelopmentStream.numberOf(p.stream());
            Map<String, Integer> streamCounts = perStream.get(stream == null ? NO_STREAM : String.valueOf(stream));
            streamCounts.merge("participants", 1, Integer::sum);
            List<TalentReview> history = reviews.findByParticipantPersonIdOrderByCycle(p.id());
            Optional<TalentReview> now = history.stream().filter(r -> r.cycle().equals(c)).findFirst();
            String previous = history.stream().filter(r -> r.cycle().compareTo(c) < 0 && r.agreedBox() != null)
                    .reduce((a, b) -> b).map(TalentReview::agreedBox).orElse(null);
            String box = now.map(TalentReview::agreedBox).orElse(null);
            String move = box == null ? "NONE" : previous == null ? "FIRST_PLACEMENT" : movement(grid, previous, box);
            if (box != null) {
                perBox.merge(box, 1, Integer::sum);
                streamCounts.merge(box, 1, Integer::sum);
                movement.merge(move, 1, Integer::sum);
            }
            String stage = stage(now.orElse(null));
            if (stage != null) {
                outstanding.merge(stage, 1, Integer::sum);
            }
            placements.add(new Placement(p.id(), p.displayName(), now.map(r -> r.status().name()).orElse("NOT_STARTED"), box,
                    box == null ? null : grids.of(now.get().gridVersion()).boxLabel(box), previous, move,
                    now.map(TalentReview::id).orElse(null), now.map(TalentReview::gridVersion).orElse(null),
                    now.map(TalentReview::gridSource).orElse(null), stream));
            audit.record(actor, AuditLog.READ, p.id(), "VIEW_TALENT_PLACEMENTS: cohort " + cohortId + " report, cycle " + c);
        }
        return new CohortReport(cohortId, c, grid.version(), participants.size(), perBox, movement, outstanding, perStream,
                placements);
    }

    /** The same report as CSV, one row per participant; every cell is neutralised against formulas. */
    public String csv(long cohortId, @Nullable String cycle, String actor) {
        CohortReport report = cohort(cohortId, cycle, actor);
        StringBuilder out = new StringBuilder("participant_id,name,stream,cycle,status,box,box_label,previous_box,movement,"
                + "grid_version,grid_source\n");
        for (Placement p : report.placements()) {
            out.append(String.join(",", List.of(String.valueOf(p.participantId()), cell(p.name()),
                    p.stream() == null ? "" : String.valueOf(p.stream()), cell(report.cycle()),
                    cell(p.status()), cell(p.box()), cell(p.boxLabel()), cell(p.previousBox()), cell(p.movement()), cell(p.gridVersion()),
                    cell(p.gridSource())))).append("\r\n");
        }
        return out.toString();
    }

    /** Moderation and feedback by the programme team: AGREED, then MODERATED, then FED_BACK. */
    public Placement advance(long reviewId, String to, @Nullable Long actorPersonId, String actor) {
        TalentReview.Status target;
        try {
            target = TalentReview.Status.valueOf(to);
        } catch (IllegalArgumentException e) {
            throw new uk.nhs.hps.access.InvalidRequest("Unknown status " + to + ".");
        }
        TalentReview r = reviews.findById(reviewId).orElseThrow(() -> new NotFound("No talent review " + reviewId + "."));
        TalentReview saved = actorPersonId == null ? conversation.advance(r, target)
                : conversation.advance(actorPersonId, reviewId, target);
        audit.record(actor, "TALENT_" + target.name(), saved.participantPersonId(), "talent review " + reviewId);
        Person p = people.findById(saved.participantPersonId()).orElseThrow();
        return new Placement(p.id(), p.displayName(), saved.status().name(), saved.agreedBox(),
                grids.of(saved.gridVersion()).boxLabel(saved.agreedBox()), null, "NONE", saved.id(), saved.gridVersion(),
                saved.gridSource(), DevelopmentStream.numberOf(p.stream()));
    }

    /** What a console step came to: the placement, and whether it had already been taken (nothing changed). */
    public record Step(Placement placement, boolean already) {
    }

    /**
     * The console's moderation and feedback: as {@link #advance}, for a review of a participant of that cohort only
     * (another cohort's review is {@link NotFound}), and a step already taken (a second press, two windows) changes
     * nothing and says so instead of refusing it.
     */
    public Step advanceInCohort(long cohortId, long reviewId, String to, long actorPersonId, String actor) {
        TalentReview r = reviews.findById(reviewId).filter(x -> people.findById(x.participantPersonId())
                        .filter(p -> p.cohortId() != null && p.cohortId() == cohortId && p.anonymisedAt() == null).isPresent())
                .orElseThrow(() -> new NotFound("There is no talent review " + reviewId + " in this cohort."));
        access.require(actorPersonId, Action.MODERATE_TALENT, r.participantPersonId(), "console: talent review " + to);
        TalentReview.Status target = TalentReview.Status.valueOf(to);
        if (r.status().compareTo(target) >= 0) {
            return new Step(placement(r), true);
        }
        if (r.status() == TalentReview.Status.PREPARING) {
            throw new uk.nhs.hps.access.Conflict("This conversation is not agreed yet: the participant and their sponsor both"
                    + " confirm the outcome first.");
        }
        if (target == TalentReview.Status.FED_BACK && r.status() == TalentReview.Status.AGREED) {
            throw new uk.nhs.hps.access.Conflict("This placement is not moderated yet: mark it moderated first.");
        }
        try {
            return new Step(advance(reviewId, to, actorPersonId, actor), false);
        } catch (OptimisticLockException e) {
            // the same step taken at the same moment elsewhere: the other one won
            TalentReview now = reviews.findById(reviewId).orElseThrow();
            if (now.status().compareTo(target) >= 0) {
                return new Step(placement(now), true);
            }
            throw new uk.nhs.hps.access.Conflict("The review changed while you were looking at it; reload the page and try again.");
        }
    }

    private Placement placement(TalentReview r) {
        Person p = people.findById(r.participantPersonId()).orElseThrow();
        return new Placement(p.id(), p.displayName(), r.status().name(), r.agreedBox(), grids.of(r.gridVersion()).boxLabel(r.agreedBox()),
                null, "NONE", r.id(), r.gridVersion(), r.gridSource(), DevelopmentStream.numberOf(p.stream()));
    }

    /** UP (more potential or performance, nothing less), DOWN, ACROSS (one up, one down) or SAME. */
    static String movement(TalentGrid grid, String from, String to) {
        int potential = Integer.compare(grid.potentialRank(to), grid.potentialRank(from));
        int performance = Integer.compare(grid.performanceRank(to), grid.performanceRank(from));
        if (potential == 0 && performance == 0) {
            return "SAME";
        }
        if (potential >= 0 && performance >= 0) {
            return "UP";
        }
        if (potential <= 0 && performance <= 0) {
            return "DOWN";
        }
        return "ACROSS";
    }

    @Nullable
    private static String stage(@Nullable TalentReview r) {
        if (r == null) {
            return "NOT_STARTED";
        }
        return switch (r.status()) {
            case PREPARING -> r.preparationSubmittedAt() == null ? "PARTICIPANT_PREPARING"
                    : r.sponsorSubmittedAt() == null ? "AWAITING_SPONSOR" : "AWAITING_AGREEMENT";
            case AGREED -> "AWAITING_MODERATION";
            case MODERATED -> "AWAITING_FEEDBACK";
            case FED_BACK -> null;
        };
    }

    private static String cell(@Nullable String value) {
        if (value == null) {
            return "";
        }
        String safe = CsvCells.neutralise(value);
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
