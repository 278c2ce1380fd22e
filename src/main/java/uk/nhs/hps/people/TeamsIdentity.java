package uk.nhs.hps.people;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A Teams user the bot has talked to, with the latest conversation reference for proactive messages. */
@MappedEntity("teams_identity")
public record TeamsIdentity(
        @Id @GeneratedValue @Nullable Long id,
        String teamsUserId,
        @Nullable String aadObjectId,
        @Nullable String tenantId,
        @Nullable String displayName,
        @Nullable String email,
        @Nullable Long personId,
        String serviceUrl,
        String conversationId,
        String conversationReference,
        Instant firstSeenAt,
        Instant lastSeenAt) {
}
