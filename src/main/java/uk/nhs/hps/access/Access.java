package uk.nhs.hps.access;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.CoachAssignmentRepository;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that decides who may see or do what with whose data. Every bot command and admin
 * endpoint asks it; reads of another person's data that it allows are written to the audit log.
 */
@Singleton
public class Access {

    private final PersonRepository people;
    private final SponsorshipRepository sponsorships;
    private final CoachAssignmentRepository coaching;
    private final ProgrammeTeamRepository programmeTeam;
    private final AuditLog audit;
    private final AccessPolicy policy;

    Access(PersonRepository people, SponsorshipRepository sponsorships, CoachAssignmentRepository coaching,
           ProgrammeTeamRepository programmeTeam, AuditLog audit, AccessSettings settings) {
        this.people = people;
        this.sponsorships = sponsorships;
        this.coaching = coaching;
        this.programmeTeam = programmeTeam;
        this.audit = audit;
        this.policy = new AccessPolicy(settings.coachActions());
    }

    /** Whether the actor may do this, without auditing (for deciding what to offer, e.g. which buttons). */
    public boolean may(long actorId, Action action, @Nullable Long subjectId) {
        Optional<Person> actor = people.findById(actorId);
        if (actor.isEmpty() || !mayAct(actor.get())) {
            return false;
        }
        if (action.aboutAPerson() && (subjectId == null || people.findById(subjectId).isEmpty())) {
            return false;
        }
        return policy.allows(relations(actorId, action.aboutAPerson() ? subjectId : null), action);
    }

    /**
     * Throws {@link AccessDenied} unless allowed. An allowed read of someone else's data, and every refusal,
     * is audited with the reason given.
     */
    public void require(long actorId, Action action, @Nullable Long subjectId, String why) {
        if (!may(actorId, action, subjectId)) {
            audit.record(AuditLog.person(actorId), AuditLog.DENIED, subjectId, action + ": " + why);
            throw new AccessDenied("You don't have access to that.");
        }
        if (action.aboutAPerson() && action.isRead() && subjectId != null && subjectId != actorId) {
            audit.record(AuditLog.person(actorId), AuditLog.READ, subjectId, action + ": " + why);
        }
    }

    /**
     * The one answer to "is this person on the programme team now": a current member of the programme team
     * (removal deletes the membership; {@code person.role} is only a greeting hint) who has not left or been
     * erased. Every chat command, card button, notification and the admin API ask this.
     */
    public boolean isProgrammeTeam(long personId) {
        return programmeTeam.existsById(personId) && people.findById(personId).map(Access::mayAct).orElse(false);
    }

    /** Every current programme-team member (see {@link #isProgrammeTeam}), by person id, in id order. */
    public List<Long> currentProgrammeTeam() {
        List<Long> members = new ArrayList<>();
        programmeTeam.findAll().forEach(m -> members.add(m.personId()));
        return members.stream().filter(this::isProgrammeTeam).sorted().toList();
    }

    /**
     * Refuses a change ({@code change}, e.g. "erased") that would leave the programme team with no current
     * member. The members' rows are locked first, so two such changes in parallel cannot both pass.
     */
    public void keepsAnActiveProgrammeTeamMember(long personId, String change) {
        programmeTeam.lockMembers();
        if (isProgrammeTeam(personId) && currentProgrammeTeam().stream().allMatch(id -> id == personId)) {
            throw new Conflict("This is the last active programme-team member, so they can't be " + change
                    + ". Add another member to the programme team first.");
        }
    }

    /**
     * Whether the person may still use the scheme's records at all. Everyone who has left, or been anonymised,
     * loses access (to write, and to links issued earlier); paused people keep access to their own data.
     */
    public static boolean mayAct(Person person) {
        return person.anonymisedAt() == null && person.status() != PersonStatus.LEFT;
    }

    Set<Relation> relations(long actorId, @Nullable Long subjectId) {
        Set<Relation> relations = EnumSet.noneOf(Relation.class);
        if (programmeTeam.existsById(actorId)) {
            relations.add(Relation.PROGRAMME_TEAM);
        }
        if (subjectId == null) {
            return relations;
        }
        if (subjectId == actorId) {
            relations.add(Relation.SELF);
        }
        for (Sponsorship s : sponsorships.findByParticipantIdOrderByStartsOn(subjectId)) {
            if (s.sponsorId() == actorId) {
                relations.add(s.isCurrent() ? Relation.CURRENT_SPONSOR : Relation.FORMER_SPONSOR);
            }
        }
        if (coaching.existsByParticipantIdAndCoachIdAndEndsOnIsNull(subjectId, actorId)) {
            relations.add(Relation.CURRENT_COACH);
        }
        if (relations.isEmpty()) {
            relations.add(Relation.UNRELATED);
        }
        return relations;
    }
}
