package uk.nhs.hps.programmeteam;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.SchemeTimeZone;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The first way in: at start, the people named by {@link ProgrammeTeamSettings#bootstrap} become programme-team
 * members, with a person row created if they are not on the roster yet (no cohort, no sponsor). Each person is
 * bootstrapped once: the audit log remembers it, so a member the team later removes is not put back by a restart.
 */
@Singleton
public class BootstrappingProgrammeTeam {

    /** What happened to one entry of the setting. */
    public enum Outcome { CREATED_AND_ADDED, ADDED, ALREADY_DONE, NOT_ACTIVE, INVALID }

    public static final String BOOTSTRAP = "PROGRAMME_TEAM_BOOTSTRAP";
    static final String ACTOR = "setting:HPS_BOOTSTRAP_PROGRAMME_TEAM";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern OBJECT_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final PersonRepository people;
    private final ManagingProgrammeTeam team;
    private final AuditLog audit;
    private final Clock clock;

    BootstrappingProgrammeTeam(PersonRepository people, ManagingProgrammeTeam team,
                               AuditLog audit, Clock clock) {
        this.people = people;
        this.team = team;
        this.audit = audit;
        this.clock = clock;
    }

    /** Makes the person an e-mail or Entra object id names a programme-team member, once. */
    @Transactional
    public Outcome apply(String entry) {
        String value = entry.strip();
        boolean email = value.contains("@");
        if (email ? !EMAIL.matcher(value).matches() : !OBJECT_ID.matcher(value).matches()) {
            return Outcome.INVALID;
        }
        String key = email ? Person.normaliseEmail(value) : value.toLowerCase(Locale.ROOT);
        Optional<Person> found = email ? people.findByEmail(key) : people.findByAadObjectId(key);
        if (found.isPresent() && audit.about(found.get().id()).stream().anyMatch(e -> BOOTSTRAP.equals(e.action()))) {
            return Outcome.ALREADY_DONE;
        }
        if (found.isPresent() && !found.get().isActive()) {
            return Outcome.NOT_ACTIVE;
        }
        Person person = found.orElseGet(() -> people.save(newPerson(key, email)));
        team.add(person.id(), ACTOR);
        Outcome outcome = found.isPresent() ? Outcome.ADDED : Outcome.CREATED_AND_ADDED;
        audit.record(ACTOR, BOOTSTRAP, person.id(), outcome == Outcome.ADDED
                ? "made a programme-team member by HPS_BOOTSTRAP_PROGRAMME_TEAM"
                : "put on the roster and made a programme-team member by HPS_BOOTSTRAP_PROGRAMME_TEAM");
        return outcome;
    }

    /**
     * A roster row for someone not on it yet. Known by object id only, their e-mail is a reserved .invalid address
     * (never delivered to) until a roster import gives the real one; the bot links them by object id meanwhile.
     */
    private Person newPerson(String key, boolean email) {
        Instant now = clock.instant();
        String address = email ? key : key + "@entra-object-id.invalid";
        String name = email ? key.substring(0, key.indexOf('@')) : "Programme team member";
        return new Person(null, address, name, Role.PROGRAMME_TEAM, PersonStatus.ACTIVE, SchemeTimeZone.NAME,
                email ? null : key, null, null, null, null, null, null, null, now, now);
    }
}
