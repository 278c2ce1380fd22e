package uk.nhs.hps.admin;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code metrics.*}: who may read {@code /prometheus}. Metrics name no person, but they show traffic, queue
 * depth and failures, so they are not public: either a scraper sends this bearer token (METRICS_TOKEN), or the
 * management endpoints run on their own port (ENDPOINTS_ALL_PORT) that only the monitoring network reaches.
 *
 * @param token the bearer token a scraper must send; blank means no token is accepted
 */
@ConfigurationProperties("metrics")
public record MetricsSettings(@Nullable String token) {

    boolean hasToken() {
        return token != null && !token.isBlank();
    }
}
