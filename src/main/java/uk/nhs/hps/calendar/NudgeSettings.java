package uk.nhs.hps.calendar;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.LocalTime;

/**
 * When nudges may arrive ({@code nudges.*}): the local working day (no nudge before {@code day-starts} or
 * from {@code day-ends}), the time of the sponsor-meeting nudges, and the reflective-prompt defaults.
 */
@ConfigurationProperties("nudges")
public record NudgeSettings(
        @Bindable(defaultValue = "08:00") LocalTime dayStarts,
        @Bindable(defaultValue = "18:00") LocalTime dayEnds,
        @Bindable(defaultValue = "09:00") LocalTime meetingNudgeAt,
        @Bindable(defaultValue = "15") int secondNudgeDay) {
}
