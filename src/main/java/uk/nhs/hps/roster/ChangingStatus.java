package uk.nhs.hps.roster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.PersonStatus;

import java.time.Clock;
import java.time.LocalDate;

/** Pausing (leave of any kind), resuming, or recording that someone has left the scheme. */
@Singleton
public class ChangingStatus {

    private final PersonRepository people;
    private final Access programmeTeam;
    private final AuditLog audit;
    private final Clock clock;

    ChangingStatus(PersonRepository people, Access programmeTeam, AuditLog audit, Clock clock) {
        this.people = people;
        this.programmeTeam = programmeTeam;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Person change(long personId, PersonStatus status, @Nullable String reason, @Nullable LocalDate since,
                         @Nullable LocalDate until, String actor) {
        Person person = people.findById(personId).filter(p -> p.anonymisedAt() == null)
                .orElseThrow(() -> new NotFound("No person " + personId + "."));
        if (status == null) {
            throw new InvalidRequest("Status must be one of ACTIVE, PAUSED, LEFT.");
        }
        if (reason != null && reason.length() > 200) {
            throw new InvalidRequest("The reason must be at most 200 characters.");
        }
        if (since != null && until != null && until.isBefore(since)) {
            throw new InvalidRequest("The end date must not be before the start date.");
        }
        if (status != PersonStatus.ACTIVE && (reason == null || reason.isBlank())) {
            throw new InvalidRequest("Pausing or leaving needs a reason.");
        }
        String kept = status == PersonStatus.ACTIVE ? null : reason.trim();
        if (person.status() == status && java.util.Objects.equals(person.statusReason(), kept)
                && java.util.Objects.equals(person.statusSince(), since) && java.util.Objects.equals(person.statusUntil(), until)) {
            // already so (a repeated request, a double click): nothing to change or record
            return person;
        }
        if (status == PersonStatus.LEFT) {
            programmeTeam.keepsAnActiveProgrammeTeamMember(personId, "set to LEFT");
        }
        Person changed = people.update(person.withStatus(status, kept,
                since, until, clock.instant()));
        audit.record(actor, AuditLog.STATUS_CHANGE, personId, person.status() + " -> " + status);
        return changed;
    }
}
