package uk.nhs.hps.roster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.DevelopmentStream;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.Role;

import java.time.Clock;

/**
 * Records which development stream a participant applied to, or clears it. The stream is the programme team's
 * to give (000: "You are required to apply to a specific development stream"); it is never worked out from the
 * band. Audited, like every other change to the roster.
 */
@Singleton
public class RecordingDevelopmentStream {

    static final String STREAM_CHANGE = "STREAM_CHANGE";

    private final PersonRepository people;
    private final AuditLog audit;
    private final Clock clock;

    RecordingDevelopmentStream(PersonRepository people, AuditLog audit, Clock clock) {
        this.people = people;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code stream} is 1, 2 or null (not known); anything else is refused. Only participants have a stream. */
    @Transactional
    public Person record(long personId, @Nullable Integer stream, String actor) {
        Person person = people.findById(personId).filter(p -> p.anonymisedAt() == null)
                .orElseThrow(() -> new NotFound("No person " + personId + "."));
        DevelopmentStream wanted = stream == null ? null : DevelopmentStream.ofNumber(stream)
                .orElseThrow(() -> new InvalidRequest("The stream must be 1 or 2 (or null when not known)."));
        if (person.role() != Role.PARTICIPANT && wanted != null) {
            throw new InvalidRequest("Only participants have a development stream.");
        }
        if (wanted == person.stream()) {
            return person;
        }
        Person changed = people.update(person.withStream(wanted, clock.instant()));
        audit.record(actor, STREAM_CHANGE, personId, DevelopmentStream.numberOf(person.stream()) + " -> "
                + DevelopmentStream.numberOf(wanted));
        return changed;
    }
}
