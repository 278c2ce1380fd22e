package uk.nhs.hps.teams;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Bot registration and connector settings, bound from {@code teams.*} (environment variables
 * MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD, ... are mapped in application.yml).
 */
@ConfigurationProperties("teams")
public record TeamsSettings(
        @Nullable String appId,
        @Nullable String appPassword,
        @Nullable String appTenantId,
        @Nullable String allowedTenants,
        @Nullable String openIdMetadata,
        @Nullable String tokenEndpoint,
        @Nullable String defaultServiceUrl,
        @Nullable Duration connectTimeout,
        @Nullable Duration readTimeout,
        @Nullable Integer maxBodyBytes) {

    public boolean hasAppId() {
        return appId != null && !appId.isBlank();
    }

    boolean hasAppPassword() {
        return appPassword != null && !appPassword.isBlank();
    }

    /** Tenants whose activities are accepted; empty means no restriction (dev without an app tenant). */
    Set<String> tenantAllowList() {
        List<String> configured = allowedTenants == null ? List.of()
                : Arrays.stream(allowedTenants.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (!configured.isEmpty()) {
            return configured.stream().map(String::toLowerCase).collect(Collectors.toUnmodifiableSet());
        }
        if (appTenantId != null && !appTenantId.isBlank()) {
            return Set.of(appTenantId.trim().toLowerCase());
        }
        return Set.of();
    }

    /** Where proactive chats are opened with people who never wrote to the bot. */
    String defaultServiceUrlOrTeams() {
        return defaultServiceUrl == null || defaultServiceUrl.isBlank()
                ? "https://smba.trafficmanager.net/teams/" : defaultServiceUrl;
    }

    Duration connectTimeoutOrDefault() {
        return connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    }

    Duration readTimeoutOrDefault() {
        return readTimeout == null ? Duration.ofSeconds(15) : readTimeout;
    }

    int maxBodyBytesOrDefault() {
        return maxBodyBytes == null ? 256 * 1024 : maxBodyBytes;
    }
}
