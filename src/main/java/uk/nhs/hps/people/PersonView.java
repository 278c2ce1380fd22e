package uk.nhs.hps.people;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;

/**
 * A person as the admin API shows them (the roster's and the programme team's endpoints). {@code stream} is the
 * development stream, 1 or 2, or null when none is recorded.
 */
@Serdeable
public record PersonView(long id, String email, String displayName, Role role, PersonStatus status,
                         @Nullable String statusReason, @Nullable LocalDate statusSince, @Nullable LocalDate statusUntil,
                         String timeZone, @Nullable String organisation, @Nullable String band, @Nullable Long cohortId,
                         boolean linkedToTeams, boolean anonymised, @Nullable Integer stream) {

    public static PersonView of(Person p) {
        return new PersonView(p.id(), p.email(), p.displayName(), p.role(), p.status(), p.statusReason(),
                p.statusSince(), p.statusUntil(), p.timeZone(), p.organisation(), p.band(), p.cohortId(),
                p.aadObjectId() != null, p.anonymisedAt() != null, DevelopmentStream.numberOf(p.stream()));
    }
}
