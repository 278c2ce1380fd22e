package uk.nhs.hps.talent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.people.CoachAssignment;
import uk.nhs.hps.people.CoachAssignmentRepository;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.SchemeTimeZone;
import uk.nhs.hps.store.Savepoints;

import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The coach's part of the career conversation (001: the coach helps the participant "to set goals and plan a bespoke
 * development roadmap"): the participant's current coach reads the development actions agreed in this cycle's
 * conversation and adds their own actions (70:20:10 typed, owner, due date) and a note. Nothing else of the talent
 * record reaches the coach: not the placement, the ratings or the wellbeing note. Every read by the coach is
 * checked and audited by {@link Access} as {@code VIEW_TALENT_ROADMAP}; a former coach is refused.
 */
@Singleton
class PlanningRoadmaps {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TalentRoadmapRepository roadmaps;
    private final TalentReviewRepository reviews;
    private final TalentForms forms;
    private final CoachAssignmentRepository coaching;
    private final PersonRepository people;
    private final Access access;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    PlanningRoadmaps(TalentRoadmapRepository roadmaps, TalentReviewRepository reviews, TalentForms forms,
                     CoachAssignmentRepository coaching, PersonRepository people, Access access,
                     TransactionOperations<Connection> transactions, Clock clock) {
        this.roadmaps = roadmaps;
        this.reviews = reviews;
        this.forms = forms;
        this.coaching = coaching;
        this.people = people;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A participant the person coaches now. */
    record Coachee(long participantId, String name) {
    }

    /** The participants whose current coach this person is, by name (no record is read to list them). */
    List<Coachee> coachees(long coachId) {
        List<Coachee> out = new ArrayList<>();
        for (CoachAssignment a : coaching.findByEndsOnIsNull()) {
            if (a.coachId() == coachId) {
                people.findById(a.participantId()).filter(Access::mayAct)
                        .ifPresent(p -> out.add(new Coachee(p.id(), p.displayName())));
            }
        }
        return out.stream().sorted(java.util.Comparator.comparing(Coachee::name)).toList();
    }

    /**
     * The roadmap as the actor may see it: the agreed outcome's development actions (only once both parties have
     * confirmed it, so a draft between participant and sponsor stays theirs), the coach's actions and note.
     */
    record RoadmapView(long participantId, String participantName, String cycle, List<Map<String, String>> agreedActions,
                       List<Map<String, String>> coachActions, @Nullable String coachNote, @Nullable Integer version,
                       boolean mayEdit, boolean own) {
    }

    RoadmapView roadmapFor(long actorId, long participantId) {
        boolean own = actorId == participantId;
        access.require(actorId, Action.VIEW_TALENT_ROADMAP, participantId, own ? "own development roadmap" : "coach reading development roadmap");
        String cycle = currentCycle();
        List<Map<String, String>> agreed = reviews.findByParticipantPersonIdAndCycle(participantId, cycle)
                .filter(TalentReview::locked).map(r -> actions(TalentReview.fields(r.outcome()))).orElse(List.of());
        Optional<TalentRoadmap> roadmap = roadmaps.findByParticipantPersonIdAndCycle(participantId, cycle);
        Map<String, String> coach = roadmap.map(r -> TalentReview.fields(r.actions())).orElse(Map.of());
        return new RoadmapView(participantId, people.findById(participantId).map(Person::displayName).orElse("the participant"),
                cycle, agreed, actions(coach), roadmap.map(TalentRoadmap::coachNote).orElse(null),
                roadmap.map(TalentRoadmap::version).orElse(0), !own && access.may(actorId, Action.EDIT_TALENT_ROADMAP, participantId), own);
    }

    /** What the coach's form shows: the saved actions and note by field key (the coach only). */
    Map<String, String> formValues(long coachId, long participantId) {
        access.require(coachId, Action.EDIT_TALENT_ROADMAP, participantId, "coach editing development roadmap");
        Optional<TalentRoadmap> roadmap = roadmaps.findByParticipantPersonIdAndCycle(participantId, currentCycle());
        Map<String, String> values = new LinkedHashMap<>(roadmap.map(r -> TalentReview.fields(r.actions())).orElse(Map.of()));
        values.put(TalentForms.COACH_NOTE, roadmap.map(TalentRoadmap::coachNote).orElse(""));
        values.put("version", String.valueOf(roadmap.map(TalentRoadmap::version).orElse(0)));
        return values;
    }

    /** The coach's form as submitted: the action fields and note ({@link TalentForms.Form#ROADMAP}), and the card's version. */
    record SaveRoadmap(long coachId, long participantId, Map<String, String> values, @Nullable Integer version) {
    }

    /** Saves the coach's actions and note, whole, if the card's version is current; a problem saves nothing. */
    TalentRoadmap save(SaveRoadmap command) {
        access.require(command.coachId(), Action.EDIT_TALENT_ROADMAP, command.participantId(), "coach saving development roadmap");
        List<String> problems = forms.problems(TalentForms.Form.ROADMAP, command.values(), true, today());
        if (!problems.isEmpty()) {
            throw new TalentProblem("The roadmap was not saved", problems);
        }
        Map<String, String> actions = new LinkedHashMap<>(command.values());
        String note = actions.remove(TalentForms.COACH_NOTE);
        actions.values().removeIf(String::isEmpty);
        String cycle = currentCycle();
        try {
            return Savepoints.attempt(transactions, () -> {
                Optional<TalentRoadmap> existing = roadmaps.findByParticipantPersonIdAndCycle(command.participantId(), cycle);
                Integer version = command.version();
                if (existing.isEmpty() ? version != null && version != 0 : version == null || !version.equals(existing.get().version())) {
                    throw changed();
                }
                // a new row is saved (version 0) and then written (1), so a card opened before it existed (0) is stale after
                TalentRoadmap roadmap = existing.orElseGet(() -> roadmaps.save(TalentRoadmap.start(command.participantId(), cycle,
                        clock.instant())));
                return roadmaps.update(roadmap.written(json(actions), note == null || note.isEmpty() ? null : note, command.coachId(),
                        clock.instant()));
            });
        } catch (OptimisticLockException e) {
            throw changed();
        } catch (DataAccessException e) {
            if (e.getCause() instanceof TalentProblem p) {
                throw p;
            }
            // two first saves at once: the unique (participant, cycle) index lets one through
            if (roadmaps.findByParticipantPersonIdAndCycle(command.participantId(), cycle).isPresent()) {
                throw changed();
            }
            throw e;
        }
    }

    /** The development actions among a form's fields, in order: text, type, owner and due of each one with text. */
    static List<Map<String, String>> actions(Map<String, String> fields) {
        List<Map<String, String>> out = new ArrayList<>();
        for (int n = 1; n <= TalentForms.ACTIONS; n++) {
            String text = fields.getOrDefault("action" + n + "Text", "");
            if (!text.isBlank()) {
                out.add(Map.of("text", text, "type", fields.getOrDefault("action" + n + "Type", ""),
                        "owner", fields.getOrDefault("action" + n + "Owner", ""), "due", fields.getOrDefault("action" + n + "Due", "")));
            }
        }
        return out;
    }

    private String currentCycle() {
        return TalentReviews.cycleOf(today());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(SchemeTimeZone.ZONE));
    }

    private static TalentProblem changed() {
        return new TalentProblem(TalentProblem.Kind.RECORD_MOVED_ON, "This roadmap changed since you opened it",
                "Someone saved it first. Nothing was saved from this card: open it again with **coaching roadmaps**.");
    }

    private static String json(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
