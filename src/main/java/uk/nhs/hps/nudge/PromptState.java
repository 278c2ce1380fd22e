package uk.nhs.hps.nudge;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;

/** A participant's reflective-prompt settings and cadence position (see V61). */
@MappedEntity("reflection_prompt")
record PromptState(@Id Long personId, short weekday, int minuteOfDay, @Nullable Instant lastPromptedAt,
                   @Nullable Instant snoozedUntil, @Nullable LocalDate pausedUntil, Instant updatedAt) {

    static PromptState defaults(long personId, Instant now) {
        return new PromptState(personId, (short) 4, 16 * 60, null, null, null, now);
    }

    PromptState snoozedUntil(Instant until, Instant now) {
        return new PromptState(personId, weekday, minuteOfDay, lastPromptedAt, until, pausedUntil, now);
    }

    PromptState pausedUntil(@Nullable LocalDate until, Instant now) {
        return new PromptState(personId, weekday, minuteOfDay, lastPromptedAt, null, until, now);
    }

    PromptState at(short newWeekday, int newMinute, Instant now) {
        return new PromptState(personId, newWeekday, newMinute, lastPromptedAt, snoozedUntil, pausedUntil, now);
    }
}
