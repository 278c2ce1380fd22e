package uk.nhs.hps.people;

import io.micronaut.core.annotation.Nullable;

/** What a Teams activity tells us about who sent it and how to reach them again. */
public record TeamsContact(
        String teamsUserId,
        @Nullable String aadObjectId,
        @Nullable String tenantId,
        @Nullable String displayName,
        @Nullable String email,
        String serviceUrl,
        String conversationId,
        String conversationReferenceJson) {
}
