package uk.nhs.hps.people;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;

/** A sponsor's responsibility for a participant over a period; {@code endsOn} null means current. */
@MappedEntity("sponsorship")
public record Sponsorship(
        @Id @GeneratedValue @Nullable Long id,
        Long participantId,
        Long sponsorId,
        LocalDate startsOn,
        @Nullable LocalDate endsOn,
        Instant createdAt) {

    public boolean isCurrent() {
        return endsOn == null;
    }

    public Sponsorship endingOn(LocalDate day) {
        return new Sponsorship(id, participantId, sponsorId, startsOn, day, createdAt);
    }
}
