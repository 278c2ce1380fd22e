package uk.nhs.hps.programmeteam;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Conflict;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.access.ProgrammeTeamMember;
import uk.nhs.hps.access.ProgrammeTeamRepository;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.Role;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is on the programme team. The last active member cannot be removed or set to LEFT, so the admin API and
 * the team's chat commands never lock themselves out.
 */
@Singleton
public class ManagingProgrammeTeam {

    private final ProgrammeTeamRepository members;
    private final PersonRepository people;
    private final Access access;
    private final AuditLog audit;
    private final Clock clock;

    ManagingProgrammeTeam(ProgrammeTeamRepository members, PersonRepository people, Access access, AuditLog audit,
                          Clock clock) {
        this.members = members;
        this.people = people;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Person> list() {
        List<Person> team = new ArrayList<>();
        members.findAll().forEach(m -> people.findById(m.personId()).ifPresent(team::add));
        return team;
    }

    @Transactional
    public Person add(long personId, String actor) {
        Person person = people.findById(personId).filter(Person::isActive)
                .orElseThrow(() -> new NotFound("No active person " + personId + "."));
        if (!members.existsById(personId)) {
            members.save(new ProgrammeTeamMember(personId, clock.instant()));
            if (person.role() != Role.PROGRAMME_TEAM) {
                person = people.update(person.withRole(Role.PROGRAMME_TEAM, clock.instant()));
            }
            audit.record(actor, AuditLog.PROGRAMME_TEAM_CHANGE, personId, "added");
        }
        return person;
    }

    @Transactional
    public void remove(long personId, String actor) {
        if (!members.existsById(personId)) {
            throw new NotFound("Person " + personId + " is not on the programme team.");
        }
        access.keepsAnActiveProgrammeTeamMember(personId, "removed from the programme team");
        members.deleteById(personId);
        audit.record(actor, AuditLog.PROGRAMME_TEAM_CHANGE, personId, "removed");
    }
}
