package uk.nhs.hps.nudge;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import uk.nhs.hps.calendar.WorkingCalendar;
import uk.nhs.hps.people.Person;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A participant changing their own reflective prompts: snoozing the one that came, pausing them until a date,
 * resuming, or moving them to another weekday and time. Every rule is checked before anything is saved, so a
 * refusal changes nothing.
 */
@Singleton
class ChangingPrompts {

    /** Prompts come on working days from 08:00 until (not including) 18:00. */
    static final LocalTime EARLIEST = LocalTime.of(8, 0);
    static final LocalTime LATEST = LocalTime.of(18, 0);

    record SnoozePrompt(long personId, long days) {
    }

    /** The person, not only their id: "after today" is today in their zone. */
    record PausePrompts(Person person, LocalDate until) {
    }

    record MovePrompts(long personId, DayOfWeek weekday, LocalTime at) {
    }

    /** When the prompts come, and until when they are paused, if they are. */
    record Schedule(DayOfWeek weekday, LocalTime at, @Nullable LocalDate pausedUntil) {
        static Schedule of(PromptState s) {
            return new Schedule(DayOfWeek.of(s.weekday()), LocalTime.of(s.minuteOfDay() / 60, s.minuteOfDay() % 60),
                    s.pausedUntil());
        }
    }

    sealed interface Outcome {
    }

    record Snoozed(long days) implements Outcome {
    }

    record Paused(LocalDate until) implements Outcome {
    }

    record Resumed(Schedule schedule) implements Outcome {
    }

    record Moved(Schedule schedule) implements Outcome {
    }

    record Refused(Reason reason) implements Outcome {
    }

    enum Reason {
        /** A snooze is for 1 day or 1 week. */
        SNOOZE_NOT_A_DAY_OR_A_WEEK,
        /** A pause ends after today and within a year. */
        PAUSE_NOT_AFTER_TODAY_WITHIN_A_YEAR,
        /** Prompts come on working days between {@link #EARLIEST} and {@link #LATEST}. */
        OUTSIDE_WORKING_HOURS
    }

    private final PromptStateRepository states;
    private final Clock clock;

    ChangingPrompts(PromptStateRepository states, Clock clock) {
        this.states = states;
        this.clock = clock;
    }

    Schedule current(long personId) {
        return Schedule.of(state(personId, clock.instant()));
    }

    Outcome snooze(SnoozePrompt command) {
        if (command.days() != 1 && command.days() != 7) {
            return new Refused(Reason.SNOOZE_NOT_A_DAY_OR_A_WEEK);
        }
        Instant now = clock.instant();
        save(state(command.personId(), now).snoozedUntil(now.plus(Duration.ofDays(command.days())), now));
        return new Snoozed(command.days());
    }

    Outcome pause(PausePrompts command) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(WorkingCalendar.zone(command.person().timeZone())).toLocalDate();
        if (!command.until().isAfter(today) || command.until().isAfter(today.plusYears(1))) {
            return new Refused(Reason.PAUSE_NOT_AFTER_TODAY_WITHIN_A_YEAR);
        }
        save(state(command.person().id(), now).pausedUntil(command.until(), now));
        return new Paused(command.until());
    }

    Outcome resume(long personId) {
        Instant now = clock.instant();
        PromptState state = state(personId, now);
        save(state.pausedUntil(null, now));
        return new Resumed(Schedule.of(state));
    }

    Outcome move(MovePrompts command) {
        if (command.weekday() == DayOfWeek.SATURDAY || command.weekday() == DayOfWeek.SUNDAY
                || command.at().isBefore(EARLIEST) || !command.at().isBefore(LATEST)) {
            return new Refused(Reason.OUTSIDE_WORKING_HOURS);
        }
        Instant now = clock.instant();
        PromptState changed = state(command.personId(), now)
                .at((short) command.weekday().getValue(), command.at().getHour() * 60 + command.at().getMinute(), now);
        save(changed);
        return new Moved(Schedule.of(changed));
    }

    private PromptState state(long personId, Instant now) {
        return states.findById(personId).orElse(PromptState.defaults(personId, now));
    }

    private void save(PromptState state) {
        if (states.existsById(state.personId())) {
            states.update(state);
        } else {
            states.save(state);
        }
    }
}
