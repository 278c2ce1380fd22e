package uk.nhs.hps.scheduling;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.time.ZoneId;
import uk.nhs.hps.people.SchemeTimeZone;

/**
 * The scheduler ({@code scheduling.*}). {@code enabled=false} keeps Quartz from starting (tests call the use
 * cases directly). Cron expressions are Quartz's (seconds first) and are evaluated in {@code time-zone}.
 */
@ConfigurationProperties("scheduling")
public record SchedulingSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "HpsCompanion") String schedulerName,
        @Bindable(defaultValue = "2") int threads,
        @Bindable(defaultValue = SchemeTimeZone.NAME) ZoneId timeZone,
        @Bindable(defaultValue = "0 * * * * ?") String nudgesCron,
        @Bindable(defaultValue = "0 0 7 1 * ?") String digestCron,
        @Bindable(defaultValue = "0 30 2 * * ?") String retentionCron,
        @Bindable(defaultValue = "20s") Duration clusterCheckinInterval,
        @Bindable(defaultValue = "60s") Duration misfireThreshold) {
}
