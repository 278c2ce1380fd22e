package uk.nhs.hps.people;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;

/** A coach working with a participant over a period; {@code endsOn} null means current. */
@MappedEntity("coach_assignment")
public record CoachAssignment(
        @Id @GeneratedValue @Nullable Long id,
        Long participantId,
        Long coachId,
        LocalDate startsOn,
        @Nullable LocalDate endsOn,
        Instant createdAt) {

    public CoachAssignment endingOn(LocalDate day) {
        return new CoachAssignment(id, participantId, coachId, startsOn, day, createdAt);
    }
}
