package uk.nhs.hps.nudge;

import org.junit.jupiter.api.Test;
import uk.nhs.hps.calendar.WorkingCalendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** When reflective prompts fall due, with explicit instants, without a database. */
class PromptRulesTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate START = LocalDate.of(2026, 1, 1);
    private static final LocalDate END = LocalDate.of(2027, 12, 31);
    private final PromptRules rules = new PromptRules(WorkingCalendar.of(Set.of(LocalDate.of(2026, 12, 24))));

    private Optional<PromptRules.Due> due(String now, PromptRules.State state) {
        return rules.due(Instant.parse(now), LONDON, state, 14, START, END);
    }

    private static PromptRules.State lastAt(String instant) {
        return new PromptRules.State(DayOfWeek.THURSDAY, LocalTime.of(16, 0), Instant.parse(instant), null, null);
    }

    @Test
    void firstPromptIsTheNextThursdayAtFourLocal() {
        assertThat(due("2026-12-03T15:59:00Z", PromptRules.State.defaults())).isEmpty();
        assertThat(due("2026-12-03T16:00:00Z", PromptRules.State.defaults())).map(PromptRules.Due::keySuffix).hasValue("2026-12-03");
    }

    @Test
    void nextPromptIsFourteenDaysOnAndNotBefore() {
        PromptRules.State state = lastAt("2026-11-19T16:00:00Z");
        assertThat(due("2026-11-26T16:00:00Z", state)).isEmpty();
        assertThat(due("2026-12-03T16:00:00Z", state)).map(PromptRules.Due::slot).hasValue(Instant.parse("2026-12-03T16:00:00Z"));
    }

    @Test
    void clocksGoingBackKeepFourOClockLocal() {
        PromptRules.State state = lastAt("2026-10-22T15:00:00Z"); // 16:00 BST
        assertThat(due("2026-11-05T15:00:00Z", state)).isEmpty();  // 15:00 GMT
        assertThat(due("2026-11-05T16:00:00Z", state)).isPresent(); // 16:00 GMT
    }

    @Test
    void clocksGoingForwardKeepFourOClockLocal() {
        PromptRules.State state = lastAt("2027-03-18T16:00:00Z"); // 16:00 GMT
        assertThat(due("2027-04-01T14:59:00Z", state)).isEmpty();
        assertThat(due("2027-04-01T15:00:00Z", state)).isPresent(); // 16:00 BST
    }

    @Test
    void aBankHolidayThursdayWaitsForTheNextWorkingMorning() {
        PromptRules.State state = lastAt("2026-12-10T16:00:00Z");
        assertThat(due("2026-12-24T16:00:00Z", state)).isEmpty();
        assertThat(due("2026-12-29T08:00:00Z", state)).map(PromptRules.Due::keySuffix).hasValue("2026-12-24");
    }

    @Test
    void afterLongDowntimeOnlyTheLatestSlotIsDue() {
        PromptRules.State state = lastAt("2026-10-01T15:00:00Z");
        assertThat(due("2026-12-04T09:00:00Z", state)).map(PromptRules.Due::keySuffix).hasValue("2026-11-26");
    }

    @Test
    void pausedUntilADateGetsNothingBeforeItThenTheNextSlot() {
        PromptRules.State paused = new PromptRules.State(DayOfWeek.THURSDAY, LocalTime.of(16, 0),
                Instant.parse("2026-11-19T16:00:00Z"), null, LocalDate.of(2026, 12, 14));
        assertThat(due("2026-12-03T16:00:00Z", paused)).isEmpty();
        assertThat(due("2026-12-17T16:00:00Z", paused)).map(PromptRules.Due::keySuffix).hasValue("2026-12-17");
    }

    @Test
    void snoozeReplacesTheSlotWithAReminderAtTheSnoozeTime() {
        PromptRules.State snoozed = new PromptRules.State(DayOfWeek.THURSDAY, LocalTime.of(16, 0),
                Instant.parse("2026-12-03T16:00:00Z"), Instant.parse("2026-12-04T16:05:00Z"), null);
        assertThat(due("2026-12-04T16:04:00Z", snoozed)).isEmpty();
        assertThat(due("2026-12-04T16:05:00Z", snoozed)).map(PromptRules.Due::endsSnooze).hasValue(true);
    }

    @Test
    void nothingOutsideTheCohort() {
        assertThat(rules.due(Instant.parse("2026-12-03T16:00:00Z"), LONDON, PromptRules.State.defaults(), 14,
                LocalDate.of(2027, 1, 1), END)).isEmpty();
    }

    @Test
    void aParticipantInAnotherZoneIsPromptedAtTheirFourOClock() {
        ZoneId newYork = ZoneId.of("America/New_York");
        assertThat(rules.due(Instant.parse("2026-12-03T16:00:00Z"), newYork, PromptRules.State.defaults(), 14, START, END)).isEmpty();
        assertThat(rules.due(Instant.parse("2026-12-03T21:00:00Z"), newYork, PromptRules.State.defaults(), 14, START, END)).isPresent();
    }
}
