package uk.nhs.hps.access;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static uk.nhs.hps.access.Action.*;

/**
 * The rules, as data: which relation allows which action. Pure and clock-free, so the role × action
 * matrix is tested without a database.
 */
final class AccessPolicy {

    /**
     * The most a coach can ever be configured to see: never private reflections, exports or erasure. The roadmap
     * (by default on) is the coach's part of the career conversation, and reaches nothing else of the talent record.
     */
    static final Set<Action> COACH_CEILING = EnumSet.of(VIEW_PROFILE, VIEW_MEETING_STATUS, VIEW_SHARED_REFLECTIONS,
            VIEW_TALENT_INPUTS, VIEW_TALENT_ROADMAP, EDIT_TALENT_ROADMAP);

    private final Map<Relation, Set<Action>> allowed;

    AccessPolicy(Set<Action> coachMaySee) {
        if (!COACH_CEILING.containsAll(coachMaySee)) {
            Set<Action> excess = EnumSet.copyOf(coachMaySee);
            excess.removeAll(COACH_CEILING);
            throw new IllegalArgumentException("Coaches may not be given " + excess + "; at most " + COACH_CEILING);
        }
        allowed = Map.of(
                Relation.SELF, EnumSet.of(VIEW_PROFILE, VIEW_MEETING_STATUS, RECORD_MEETING, VIEW_PRIVATE_REFLECTIONS,
                        VIEW_SHARED_REFLECTIONS, VIEW_TALENT_INPUTS, EDIT_TALENT_INPUTS, VIEW_TALENT_PLACEMENTS, VIEW_TALENT_ROADMAP,
                        EXPORT_PERSONAL_DATA),
                Relation.CURRENT_SPONSOR, EnumSet.of(VIEW_PROFILE, VIEW_MEETING_STATUS, RECORD_MEETING,
                        VIEW_SHARED_REFLECTIONS, VIEW_TALENT_INPUTS, EDIT_TALENT_INPUTS, VIEW_TALENT_PLACEMENTS),
                Relation.FORMER_SPONSOR, EnumSet.noneOf(Action.class),
                Relation.CURRENT_COACH, coachMaySee.isEmpty() ? EnumSet.noneOf(Action.class) : EnumSet.copyOf(coachMaySee),
                Relation.PROGRAMME_TEAM, EnumSet.of(VIEW_PROFILE, VIEW_MEETING_STATUS, VIEW_TALENT_PLACEMENTS, MODERATE_TALENT,
                        EXPORT_PERSONAL_DATA,
                        ERASE_PERSONAL_DATA, CHANGE_STATUS, VIEW_COHORT_REPORTS, MANAGE_ROSTER, BROADCAST, MANAGE_FAQ, MANAGE_CALENDAR, MANAGE_TALENT_GRID,
                        VIEW_AUDIT_LOG),
                Relation.UNRELATED, EnumSet.noneOf(Action.class));
    }

    /** Allowed when any of the actor's relations allows it. */
    boolean allows(Set<Relation> relations, Action action) {
        return relations.stream().anyMatch(r -> allowed.get(r).contains(action));
    }
}
