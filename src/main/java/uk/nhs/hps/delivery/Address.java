package uk.nhs.hps.delivery;

import io.micronaut.core.annotation.Nullable;

/**
 * Where a proactive message goes. With a conversation id it is sent straight there; without one the
 * gateway first creates the 1:1 chat from the tenant and the user's AAD object id. A missing service URL
 * or tenant means the app's defaults.
 */
public record Address(
        @Nullable String serviceUrl,
        @Nullable String conversationId,
        @Nullable String tenantId,
        @Nullable String aadObjectId,
        @Nullable String teamsUserId) {
}
