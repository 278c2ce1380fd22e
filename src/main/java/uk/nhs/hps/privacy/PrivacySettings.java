package uk.nhs.hps.privacy;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.time.Period;

/**
 * {@code privacy.*}: where personal-data download links point (PUBLIC_BASE_URL), the key that signs them
 * (PRIVACY_LINK_SECRET, at least 32 characters; a random per-process key when unset), how long they last,
 * and how long after a cohort ends its people's data is kept (PRIVACY_RETENTION_AFTER_COHORT_END, e.g. P2Y).
 */
@ConfigurationProperties("privacy")
public record PrivacySettings(
        @Bindable(defaultValue = PrivacySettings.LOCAL_BASE_URL) String publicBaseUrl,
        @Nullable String linkSecret,
        @Bindable(defaultValue = "15m") Duration linkValidity,
        @Bindable(defaultValue = "P2Y") Period retentionAfterCohortEnd) {

    static final String LOCAL_BASE_URL = "http://localhost:3978";

    public PrivacySettings {
        // an empty PUBLIC_BASE_URL means the default, as an unset one does; links are built as base + "/path",
        // so a trailing slash would double up
        publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? LOCAL_BASE_URL : publicBaseUrl.strip();
        if (publicBaseUrl.endsWith("/")) {
            publicBaseUrl = publicBaseUrl.substring(0, publicBaseUrl.length() - 1);
        }
    }
}
