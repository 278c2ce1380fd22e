package uk.nhs.hps.roster;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import uk.nhs.hps.privacy.AuditLog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Who is on the programme team. The last member cannot be removed, so the admin API never locks itself out. */
@Singleton
public class ManagingProgrammeTeam {

    private final ProgrammeTeamRepository members;
    private final PersonRepository people;
    private final AuditLog audit;
    private final Clock clock;

    ManagingProgrammeTeam(ProgrammeTeamRepository members, PersonRepository people, AuditLog audit, Clock clock) {
        this.members = members;
        this.people = people;
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
        if (members.count() <= 1) {
            throw new Conflict("The last programme-team member cannot be removed.");
        }
        members.deleteById(personId);
        audit.record(actor, AuditLog.PROGRAMME_TEAM_CHANGE, personId, "removed");
    }
}
