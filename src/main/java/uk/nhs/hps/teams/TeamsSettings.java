package uk.nhs.hps.teams;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Bot registration and connector settings, bound from {@code teams.*} (environment variables
 * MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD, ... are mapped in application.yml).
 *
 * @param allowedTenants    tenants whose activities are accepted (TEAMS_ALLOWED_TENANTS, comma-separated); held
 *                          trimmed, lower-case, without blanks
 * @param defaultServiceUrl where proactive chats are opened with people who never wrote to the bot
 */
@ConfigurationProperties("teams")
public record TeamsSettings(
        @Nullable String appId,
        @Nullable String appPassword,
        @Nullable String appTenantId,
        @Nullable List<String> allowedTenants,
        @Nullable String openIdMetadata,
        @Nullable String tokenEndpoint,
        @Bindable(defaultValue = TeamsSettings.PUBLIC_SERVICE_URL) String defaultServiceUrl,
        @Bindable(defaultValue = "5s") Duration connectTimeout,
        @Bindable(defaultValue = "15s") Duration readTimeout,
        @Bindable(defaultValue = "262144") int maxBodyBytes) {

    static final String PUBLIC_SERVICE_URL = "https://smba.trafficmanager.net/teams/";

    public TeamsSettings {
        // an empty BOT_DEFAULT_SERVICE_URL means the default, as an unset one does
        if (defaultServiceUrl == null || defaultServiceUrl.isBlank()) {
            defaultServiceUrl = PUBLIC_SERVICE_URL;
        }
        allowedTenants = allowedTenants == null ? List.of()
                : allowedTenants.stream().map(String::trim).filter(s -> !s.isEmpty()).map(String::toLowerCase).toList();
    }

    public boolean hasAppId() {
        return appId != null && !appId.isBlank();
    }

    boolean hasAppPassword() {
        return appPassword != null && !appPassword.isBlank();
    }

    /** Tenants whose activities are accepted; empty means no restriction (dev without an app tenant). */
    Set<String> tenantAllowList() {
        if (!allowedTenants.isEmpty()) {
            return Set.copyOf(allowedTenants);
        }
        if (appTenantId != null && !appTenantId.isBlank()) {
            return Set.of(appTenantId.trim().toLowerCase());
        }
        return Set.of();
    }
}
