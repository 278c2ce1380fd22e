package uk.nhs.hps.nudge;

import io.micronaut.core.annotation.Nullable;
import uk.nhs.hps.calendar.WorkingCalendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * When a participant's next reflective prompt is due. Pure. Slots fall on the participant's weekday at their
 * time, in their zone, every {@code cadenceDays} after the last slot (the first slot is the next one from
 * today: there is no catching up on history). After downtime only the latest slot is sent, once. Nothing is
 * due while paused, before or after the cohort, or outside working hours; a snooze replaces the slot with a
 * reminder at the snooze time.
 */
final class PromptRules {

    record State(DayOfWeek weekday, LocalTime time, @Nullable Instant lastPromptedAt, @Nullable Instant snoozedUntil,
                 @Nullable LocalDate pausedUntil) {
        static State defaults() {
            return new State(DayOfWeek.THURSDAY, LocalTime.of(16, 0), null, null, null);
        }
    }

    /** A prompt due: its nominal slot, the key suffix that makes it once-only, and whether it ends a snooze. */
    record Due(Instant slot, String keySuffix, boolean endsSnooze) {
    }

    private final WorkingCalendar calendar;

    PromptRules(WorkingCalendar calendar) {
        this.calendar = calendar;
    }

    Optional<Due> due(Instant now, ZoneId zone, State state, int cadenceDays, LocalDate cohortStarts, LocalDate cohortEnds) {
        if (!calendar.mayNudge(now, zone)) {
            return Optional.empty();
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        if (today.isBefore(cohortStarts) || today.isAfter(cohortEnds)
                || (state.pausedUntil() != null && today.isBefore(state.pausedUntil()))) {
            return Optional.empty();
        }
        if (state.snoozedUntil() != null) {
            return now.isBefore(state.snoozedUntil()) ? Optional.empty()
                    : Optional.of(new Due(state.snoozedUntil(), "snooze:" + state.snoozedUntil().getEpochSecond(), true));
        }
        LocalDate base = state.lastPromptedAt() == null ? max(cohortStarts, today)
                : state.lastPromptedAt().atZone(zone).toLocalDate().plusDays(cadenceDays);
        if (state.pausedUntil() != null) {
            base = max(base, state.pausedUntil());
        }
        LocalDate slot = onOrAfter(base, state.weekday());
        if (now.isBefore(WorkingCalendar.at(slot, state.time(), zone))) {
            return Optional.empty();
        }
        LocalDate next = onOrAfter(slot.plusDays(cadenceDays), state.weekday());
        while (!now.isBefore(WorkingCalendar.at(next, state.time(), zone))) {
            slot = next;
            next = onOrAfter(slot.plusDays(cadenceDays), state.weekday());
        }
        return Optional.of(new Due(WorkingCalendar.at(slot, state.time(), zone), slot.toString(), false));
    }

    private static LocalDate onOrAfter(LocalDate day, DayOfWeek weekday) {
        return day.with(TemporalAdjusters.nextOrSame(weekday));
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
