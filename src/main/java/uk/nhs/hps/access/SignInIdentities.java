package uk.nhs.hps.access;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;

import java.time.Clock;
import java.util.Optional;

/**
 * Who a verified Entra ID token (admin API bearer token, console ID token) belongs to. The object id identifies
 * (the tenant is checked with the token). An address binds a programme-team member only once, while no object id is
 * bound to them: a token with another object id and that address is refused (the "nOAuth" pattern: the address
 * claims are editable, the object id is not).
 */
@Singleton
public class SignInIdentities {

    public static final String IDENTITY_BOUND = "IDENTITY_BOUND";
    private static final Logger LOG = LoggerFactory.getLogger(SignInIdentities.class);

    private final PersonRepository people;
    private final Access access;
    private final AuditLog audit;
    private final Clock clock;

    SignInIdentities(PersonRepository people, Access access, AuditLog audit, Clock clock) {
        this.people = people;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The person the token names, or empty when nobody (or a conflict). {@code channel} ("admin API", "console")
     * goes into the log and the audit detail.
     */
    public Optional<Person> personOf(String objectId, @Nullable String email, String channel) {
        Optional<Person> byOid = people.findByAadObjectId(objectId);
        if (byOid.isPresent() || email == null) {
            return byOid;
        }
        Optional<Person> byEmail = people.findByEmail(Person.normaliseEmail(email));
        if (byEmail.isEmpty()) {
            return Optional.empty();
        }
        Person person = byEmail.get();
        if (person.aadObjectId() != null) {
            LOG.warn("{} token refused: its address claim names a person bound to another object id", channel);
            audit.record(channel.replace(' ', '-').toLowerCase(java.util.Locale.ROOT), AuditLog.DENIED, person.id(),
                    channel + " token with another object id carried this person's address; refused");
            return Optional.empty();
        }
        if (!access.isProgrammeTeam(person.id()) || people.bindAadObjectId(person.id(), objectId, clock.instant()) != 1) {
            // only a member is bound from a token; a lost race means someone else was bound just now
            return Optional.empty();
        }
        audit.record(AuditLog.person(person.id()), IDENTITY_BOUND, person.id(),
                channel + ": Entra object id bound at first sign-in by address");
        return people.findById(person.id());
    }
}
