package uk.nhs.hps.privacy;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Period;

/**
 * {@code privacy.*}: where personal-data download links point (PUBLIC_BASE_URL), the key that signs them
 * (PRIVACY_LINK_SECRET, at least 32 characters; a random per-process key when unset), how long they last,
 * and how long after a cohort ends its people's data is kept (PRIVACY_RETENTION_AFTER_COHORT_END, e.g. P2Y).
 */
@ConfigurationProperties("privacy")
public record PrivacySettings(
        @Nullable String publicBaseUrl,
        @Nullable String linkSecret,
        @Nullable Duration linkValidity,
        @Nullable String retentionAfterCohortEnd) {

    String baseUrlOrDefault() {
        String url = publicBaseUrl == null || publicBaseUrl.isBlank() ? "http://localhost:3978" : publicBaseUrl.trim();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    Duration linkValidityOrDefault() {
        return linkValidity == null ? Duration.ofMinutes(15) : linkValidity;
    }

    public Period retentionOrDefault() {
        if (retentionAfterCohortEnd == null || retentionAfterCohortEnd.isBlank()) {
            return Period.ofYears(2);
        }
        try {
            return Period.parse(retentionAfterCohortEnd.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalStateException("privacy.retention-after-cohort-end must be an ISO-8601 period such as P2Y");
        }
    }
}
