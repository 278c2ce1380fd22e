package uk.nhs.hps.calendar;

import io.micronaut.core.annotation.Nullable;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * When each cohort's sponsors are nudged about their monthly meeting: the time of day, and the day of the month of
 * the second nudge (the first is on the month's first working day). Kept with the cohort and applied by the meeting
 * nudges, which implement this; declared here so the calendar page can show and change it without depending on them.
 */
public interface CohortNudgeTimes {

    /** A cohort's timing; {@code custom} false means it follows the service's defaults. */
    record Times(long cohortId, String cohortName, LocalTime nudgeAt, int secondNudgeDay, boolean custom) {
    }

    /** What a change did. */
    sealed interface Change permits Changed, Unchanged, Invalid {
    }

    record Changed(Times times) implements Change {
    }

    /** The cohort already had this timing: nothing was written or audited. */
    record Unchanged(Times times) implements Change {
    }

    /** Field ({@code nudgeAt}, {@code secondNudgeDay}) to message; nothing was changed. */
    record Invalid(Map<String, String> errors) implements Change {
    }

    /** Every cohort's timing, newest cohort first. */
    List<Times> all(long actorId);

    /** Sets a cohort's timing from what was typed; both blank puts it back on the defaults. Audited when it changes. */
    Change change(long actorId, long cohortId, @Nullable String nudgeAt, @Nullable String secondNudgeDay);
}
