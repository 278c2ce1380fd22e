package uk.nhs.hps.delivery;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Pacing, retry and dispatcher settings ({@code delivery.*}). Teams allows about 7 messages a second
 * per conversation and 30–50 per second per app and tenant; the defaults stay under both.
 */
@ConfigurationProperties("delivery")
public record DeliverySettings(
        @Bindable(defaultValue = "25") double ratePerSecond,
        @Bindable(defaultValue = "7") double perConversationRatePerSecond,
        @Bindable(defaultValue = "6") int maxAttempts,
        @Bindable(defaultValue = "2s") Duration firstRetryDelay,
        @Bindable(defaultValue = "10m") Duration maxRetryDelay,
        @Bindable(defaultValue = "2m") Duration lease,
        @Bindable(defaultValue = "200") int batchSize,
        @Bindable(defaultValue = "16") int workers,
        @Bindable(defaultValue = "true") boolean dispatcherEnabled,
        @Bindable(defaultValue = "500ms") Duration idlePollInterval) {
}
