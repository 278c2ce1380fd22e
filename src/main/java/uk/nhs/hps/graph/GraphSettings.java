package uk.nhs.hps.graph;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code graph.*}: installing the Teams app for people through Microsoft Graph. Off until the app's catalog id is
 * set (GRAPH_TEAMS_APP_CATALOG_ID); the client credentials are the bot's app registration unless given apart.
 */
@ConfigurationProperties("graph")
public record GraphSettings(
        @Bindable(defaultValue = "https://graph.microsoft.com/v1.0") String baseUrl,
        @Nullable String tokenEndpoint,
        @Nullable String catalogAppId,
        @Nullable String clientId,
        @Nullable String clientSecret,
        @Nullable String tenantId,
        @Bindable(defaultValue = "10s") Duration timeout) {

    boolean enabled() {
        return present(catalogAppId) && present(clientId) && present(clientSecret)
                && (present(tokenEndpoint) || present(tenantId));
    }

    String tokenEndpointOrEntra() {
        return present(tokenEndpoint) ? tokenEndpoint
                : "https://login.microsoftonline.com/" + tenantId.trim() + "/oauth2/v2.0/token";
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
