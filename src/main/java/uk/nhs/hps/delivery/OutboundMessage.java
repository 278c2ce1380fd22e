package uk.nhs.hps.delivery;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("outbound_message")
public record OutboundMessage(
        @Id @GeneratedValue @Nullable Long id,
        String idempotencyKey,
        @Nullable String campaign,
        @Nullable Long personId,
        @Nullable Long teamsIdentityId,
        String payload,
        Instant notBefore,
        OutboundStatus status,
        int attempts,
        @Nullable String lastError,
        @Nullable String claimToken,
        @Nullable Instant leaseUntil,
        @Nullable String conversationId,
        @Nullable String activityId,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant sentAt) {
}
