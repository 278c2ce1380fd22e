package uk.nhs.hps.meeting;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.nhs.hps.calendar.WorkingCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.hps.meeting.MeetingRules.Kind.BOOKED;
import static uk.nhs.hps.meeting.MeetingRules.Kind.FIRST;
import static uk.nhs.hps.meeting.MeetingRules.Kind.SECOND;
import static uk.nhs.hps.meeting.MeetingRules.Kind.SNOOZED;

/** Which sponsor-meeting nudge is due when, with an explicit clock instant, without a database. */
class MeetingRulesTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate LONG_AGO = LocalDate.of(2024, 1, 1);
    private final WorkingCalendar calendar = WorkingCalendar.of(Set.of(
            LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 28), LocalDate.of(2027, 1, 1),
            LocalDate.of(2027, 3, 26), LocalDate.of(2027, 3, 29)));
    private final MeetingRules rules = new MeetingRules(calendar, LocalTime.of(9, 0), 15);

    private List<MeetingRules.Due> at(String instant) {
        return rules.due(Instant.parse(instant), LONDON, LONG_AGO, null, null);
    }

    @Test
    void firstNudgeAtNineOnTheFirstWorkingDayNotBefore() {
        assertThat(at("2026-12-01T08:59:00Z")).isEmpty();
        assertThat(at("2026-12-01T09:00:00Z")).extracting(MeetingRules.Due::kind).containsExactly(FIRST);
    }

    @Test
    void bankHolidayAndWeekendOnTheFirstMoveTheNudgeToTheFirstWorkingDay() {
        assertThat(at("2027-01-01T10:00:00Z")).isEmpty();   // Friday, New Year's Day
        assertThat(at("2027-01-02T10:00:00Z")).isEmpty();   // Saturday
        assertThat(at("2027-01-04T08:59:00Z")).isEmpty();
        assertThat(at("2027-01-04T09:00:00Z")).extracting(MeetingRules.Due::kind).containsExactly(FIRST);
    }

    @Test
    void summerTimeMovesTheUtcInstantOfNineOClock() {
        assertThat(at("2026-10-01T07:59:00Z")).isEmpty();
        assertThat(at("2026-10-01T08:00:00Z")).extracting(MeetingRules.Due::kind).containsExactly(FIRST); // 09:00 BST
    }

    @Test
    void theMonthBoundaryIsLocalMidnightNotUtc() {
        // 23:30 UTC on 30 April 2027 is 00:30 on 1 May in London: already May, but before 09:00 and a Saturday
        assertThat(rules.due(Instant.parse("2027-04-30T23:30:00Z"), LONDON, LONG_AGO, null, null)).isEmpty();
        List<MeetingRules.Due> due = rules.due(Instant.parse("2027-05-04T08:00:00Z"), LONDON, LONG_AGO, null, null);
        assertThat(due).extracting(MeetingRules.Due::month).containsExactly(YearMonth.of(2027, 5));
    }

    @Test
    void secondNudgeOnTheFifteenthOrNextWorkingDaySupersedesTheFirst() {
        assertThat(at("2026-11-15T10:00:00Z")).isEmpty(); // Sunday
        assertThat(at("2026-11-16T09:00:00Z")).extracting(MeetingRules.Due::kind).containsExactly(SECOND);
        assertThat(at("2026-11-13T09:00:00Z")).extracting(MeetingRules.Due::kind).containsExactly(FIRST);
    }

    @Test
    void februaryAndTheThirtyFirstAreOrdinaryDays() {
        assertThat(at("2027-02-01T09:00:00Z")).extracting(MeetingRules.Due::kind).containsExactly(FIRST);
        assertThat(at("2027-02-26T10:00:00Z")).extracting(MeetingRules.Due::kind).containsExactly(SECOND);
        assertThat(at("2026-12-31T10:00:00Z")).extracting(MeetingRules.Due::month).containsExactly(YearMonth.of(2026, 12));
    }

    @Test
    void metSkippedOrMissedMonthsAreClosed() {
        for (MeetingStatus closed : List.of(MeetingStatus.MET, MeetingStatus.SKIPPED, MeetingStatus.MISSED)) {
            assertThat(rules.due(Instant.parse("2026-12-16T10:00:00Z"), LONDON, LONG_AGO,
                    new MeetingRules.Cycle(closed, null, null), null)).as(closed.name()).isEmpty();
        }
    }

    @Test
    void bookedMonthGetsNoSecondNudgeButAFollowUpTheWorkingDayAfterTheDate() {
        MeetingRules.Cycle booked = new MeetingRules.Cycle(MeetingStatus.BOOKED, LocalDate.of(2026, 12, 24), null);
        assertThat(rules.due(Instant.parse("2026-12-16T10:00:00Z"), LONDON, LONG_AGO, booked, null)).isEmpty();
        assertThat(rules.due(Instant.parse("2026-12-29T08:59:00Z"), LONDON, LONG_AGO, booked, null)).isEmpty();
        assertThat(rules.due(Instant.parse("2026-12-29T09:00:00Z"), LONDON, LONG_AGO, booked, null))
                .containsExactly(new MeetingRules.Due(BOOKED, YearMonth.of(2026, 12), LocalDate.of(2026, 12, 24)));
    }

    @Test
    void bookingOnTheLastDayIsFollowedUpNextMonthAlongsideTheNewMonthsNudge() {
        MeetingRules.Cycle booked = new MeetingRules.Cycle(MeetingStatus.BOOKED, LocalDate.of(2027, 1, 29), null);
        List<MeetingRules.Due> due = rules.due(Instant.parse("2027-02-01T09:00:00Z"), LONDON, LONG_AGO, null, booked);
        assertThat(due).extracting(MeetingRules.Due::kind).containsExactly(BOOKED, FIRST);
    }

    @Test
    void snoozedMonthIsQuietUntilTheSnoozeDateThenRemindedOnce() {
        MeetingRules.Cycle snoozed = new MeetingRules.Cycle(MeetingStatus.OPEN, null, LocalDate.of(2026, 12, 19));
        assertThat(rules.due(Instant.parse("2026-12-16T10:00:00Z"), LONDON, LONG_AGO, snoozed, null)).isEmpty();
        assertThat(rules.due(Instant.parse("2026-12-21T09:00:00Z"), LONDON, LONG_AGO, snoozed, null)) // Sat 19th -> Mon 21st
                .containsExactly(new MeetingRules.Due(SNOOZED, YearMonth.of(2026, 12), LocalDate.of(2026, 12, 19)));
    }

    @Test
    void aSponsorInAnotherZoneIsNudgedAtNineTheirTime() {
        ZoneId sydney = ZoneId.of("Australia/Sydney");
        // 09:00 on Tuesday 1 Dec 2026 in Sydney (AEDT, UTC+11) is 22:00 UTC on 30 November
        assertThat(rules.due(Instant.parse("2026-11-30T21:59:00Z"), sydney, LONG_AGO, null, null)).isEmpty();
        assertThat(rules.due(Instant.parse("2026-11-30T22:00:00Z"), sydney, LONG_AGO, null, null))
                .containsExactly(new MeetingRules.Due(FIRST, YearMonth.of(2026, 12), null));
    }

    @Test
    void aSponsorshipThatStartsLaterGetsNothingBeforeIt() {
        assertThat(rules.due(Instant.parse("2026-12-01T09:00:00Z"), LONDON, LocalDate.of(2026, 12, 7), null, null)).isEmpty();
        assertThat(rules.due(Instant.parse("2026-12-07T09:00:00Z"), LONDON, LocalDate.of(2026, 12, 7), null, null))
                .extracting(MeetingRules.Due::kind).containsExactly(FIRST);
    }

    @Test
    void lateAfterDowntimeButNeverInQuietHours() {
        // down from 08:30 to 19:00 on the first working day: nothing in the evening, sent at 08:00 next morning
        assertThat(at("2026-12-01T19:00:00Z")).isEmpty();
        assertThat(at("2026-12-02T08:00:00Z")).extracting(MeetingRules.Due::kind).containsExactly(FIRST);
    }

    /** Every day from the 20th to the 31st of the months the clocks change: October 2026 (BST to GMT) and March 2027. */
    static Stream<Arguments> lateInTheMonth() {
        return Stream.of(YearMonth.of(2026, 10), YearMonth.of(2027, 3))
                .flatMap(month -> IntStream.rangeClosed(20, 31).mapToObj(day -> Arguments.of(month.atDay(day))));
    }

    @ParameterizedTest(name = "snoozed on {0}")
    @MethodSource("lateInTheMonth")
    void aSnoozeIsRemindedOnThePromisedDayAboutTheSnoozedMonthEvenAfterItEnds(LocalDate pressedOn) {
        YearMonth snoozedMonth = YearMonth.from(pressedOn);
        LocalDate promised = MeetingRules.snoozeReminderDay(calendar, pressedOn);
        MeetingRules.Cycle snoozed = new MeetingRules.Cycle(MeetingStatus.OPEN, null, promised);
        Instant reminder = rules.nudgeInstant(promised, LONDON);

        assertThat(promised).isAfterOrEqualTo(pressedOn.plusWeeks(1));
        assertThat(calendar.isWorkingDay(promised)).isTrue();
        assertThat(reminder.atZone(LONDON).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
        assertThat(snoozedDue(reminder.minusSeconds(60), snoozedMonth, snoozed)).isEmpty();
        assertThat(snoozedDue(reminder, snoozedMonth, snoozed))
                .containsExactly(new MeetingRules.Due(SNOOZED, snoozedMonth, promised));
        assertThat(MeetingRules.snoozedPastMonthEnd(snoozedMonth, snoozed))
                .as("kept open past the month's end").isEqualTo(promised.isAfter(snoozedMonth.atEndOfMonth()));
    }

    @Test
    void aSnoozeFromBritishSummerTimeIsRemindedAtNineGreenwichMeanTime() {
        LocalDate promised = MeetingRules.snoozeReminderDay(calendar, LocalDate.of(2026, 10, 20)); // BST until the 25th
        MeetingRules.Cycle snoozed = new MeetingRules.Cycle(MeetingStatus.OPEN, null, promised);

        assertThat(promised).isEqualTo(LocalDate.of(2026, 10, 27));
        assertThat(rules.due(Instant.parse("2026-10-27T08:59:00Z"), LONDON, LONG_AGO, snoozed, null)).isEmpty();
        assertThat(rules.due(Instant.parse("2026-10-27T09:00:00Z"), LONDON, LONG_AGO, snoozed, null))
                .extracting(MeetingRules.Due::kind).containsExactly(SNOOZED);
    }

    @Test
    void aSnoozeIntoAprilOverEasterIsRemindedAtNineBritishSummerTime() {
        // pressed Monday 22 March 2027 (GMT): a week on is Easter Monday, a bank holiday, so Tuesday 30 March (BST)
        LocalDate promised = MeetingRules.snoozeReminderDay(calendar, LocalDate.of(2027, 3, 22));
        MeetingRules.Cycle snoozed = new MeetingRules.Cycle(MeetingStatus.OPEN, null, promised);

        assertThat(promised).isEqualTo(LocalDate.of(2027, 3, 30));
        assertThat(rules.due(Instant.parse("2027-03-30T07:59:00Z"), LONDON, LONG_AGO, snoozed, null)).isEmpty();
        assertThat(rules.due(Instant.parse("2027-03-30T08:00:00Z"), LONDON, LONG_AGO, snoozed, null))
                .extracting(MeetingRules.Due::kind).containsExactly(SNOOZED);
    }

    @Test
    void aSnoozeIntoTheNextMonthComesAlongsideThatMonthsFirstNudge() {
        MeetingRules.Cycle november = new MeetingRules.Cycle(MeetingStatus.OPEN, null, LocalDate.of(2026, 12, 1));

        assertThat(rules.due(Instant.parse("2026-12-01T09:00:00Z"), LONDON, LONG_AGO, null, november)).containsExactly(
                new MeetingRules.Due(SNOOZED, YearMonth.of(2026, 11), LocalDate.of(2026, 12, 1)),
                new MeetingRules.Due(FIRST, YearMonth.of(2026, 12), null));
    }

    @Test
    void aSnoozedMonthAnsweredOrClosedIsNotRemindedNextMonth() {
        for (MeetingStatus closed : List.of(MeetingStatus.MET, MeetingStatus.SKIPPED, MeetingStatus.MISSED)) {
            MeetingRules.Cycle november = new MeetingRules.Cycle(closed, null, LocalDate.of(2026, 12, 1));
            assertThat(rules.due(Instant.parse("2026-12-01T09:00:00Z"), LONDON, LONG_AGO, null, november))
                    .as(closed.name()).extracting(MeetingRules.Due::kind).containsExactly(FIRST);
        }
    }

    /** The SNOOZED nudges due at the instant, with the snoozed cycle passed as this month's or last month's. */
    private List<MeetingRules.Due> snoozedDue(Instant now, YearMonth snoozedMonth, MeetingRules.Cycle cycle) {
        boolean sameMonth = YearMonth.from(now.atZone(LONDON)).equals(snoozedMonth);
        return rules.due(now, LONDON, LONG_AGO, sameMonth ? cycle : null, sameMonth ? null : cycle).stream()
                .filter(d -> d.kind() == SNOOZED).toList();
    }
}
