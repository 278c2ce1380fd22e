package uk.nhs.hps.access;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A person on the programme team: administers the roster and sees cohort-level reports. */
@MappedEntity("programme_team_member")
public record ProgrammeTeamMember(@Id Long personId, Instant addedAt) {
}
