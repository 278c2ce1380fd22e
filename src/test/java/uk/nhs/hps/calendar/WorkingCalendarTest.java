package uk.nhs.hps.calendar;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** Working days, bank holidays, quiet hours and zones, without a database. */
class WorkingCalendarTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private final WorkingCalendar calendar = new WorkingCalendar(BankHolidays.readShipped(), LocalTime.of(8, 0), LocalTime.of(18, 0));

    @Test
    void shippedFileHasEveryEnglandAndWalesBankHolidayFrom2025To2028() {
        assertThat(BankHolidays.readShipped()).hasSize(32)
                .containsKeys(LocalDate.of(2026, 12, 28), LocalDate.of(2027, 12, 27), LocalDate.of(2028, 1, 3));
        assertThat(BankHolidays.readShipped().keySet()).allMatch(d -> d.getDayOfWeek().getValue() <= 5);
    }

    @Test
    void firstWorkingDaySkipsNewYearsDayAndTheWeekendAfterIt() {
        assertThat(calendar.firstWorkingDay(YearMonth.of(2027, 1))).isEqualTo(LocalDate.of(2027, 1, 4)); // Fri 1st is a holiday
        assertThat(calendar.firstWorkingDay(YearMonth.of(2028, 1))).isEqualTo(LocalDate.of(2028, 1, 4)); // Sat, Sun, substitute Mon
        assertThat(calendar.firstWorkingDay(YearMonth.of(2026, 11))).isEqualTo(LocalDate.of(2026, 11, 2)); // Sunday 1st
        assertThat(calendar.firstWorkingDay(YearMonth.of(2028, 5))).isEqualTo(LocalDate.of(2028, 5, 2)); // early May on the 1st
    }

    @Test
    void quietHoursAreLocalTimeAcrossTheClockChanges() {
        // 08:00 BST is 07:00 UTC in summer, 08:00 GMT is 08:00 UTC in winter
        assertThat(calendar.mayNudge(Instant.parse("2026-10-23T07:00:00Z"), LONDON)).isTrue();
        assertThat(calendar.mayNudge(Instant.parse("2026-10-23T06:59:00Z"), LONDON)).isFalse();
        assertThat(calendar.mayNudge(Instant.parse("2026-10-26T07:30:00Z"), LONDON)).isFalse();
        assertThat(calendar.mayNudge(Instant.parse("2026-10-26T08:00:00Z"), LONDON)).isTrue();
        assertThat(calendar.mayNudge(Instant.parse("2026-10-26T18:00:00Z"), LONDON)).isFalse();
    }

    @Test
    void weekendsAndBankHolidaysGetNothing() {
        assertThat(calendar.mayNudge(Instant.parse("2026-12-28T10:00:00Z"), LONDON)).isFalse(); // Boxing Day substitute
        assertThat(calendar.mayNudge(Instant.parse("2026-12-27T10:00:00Z"), LONDON)).isFalse(); // Sunday
        assertThat(calendar.mayNudge(Instant.parse("2026-12-29T10:00:00Z"), LONDON)).isTrue();
    }

    @Test
    void anotherTimeZoneUsesItsOwnLocalHours() {
        ZoneId newYork = ZoneId.of("America/New_York");
        assertThat(calendar.mayNudge(Instant.parse("2026-12-02T10:00:00Z"), newYork)).isFalse(); // 05:00 there
        assertThat(calendar.mayNudge(Instant.parse("2026-12-02T14:00:00Z"), newYork)).isTrue();  // 09:00 there
    }

    @Test
    void unknownOrMissingZoneFallsBackToLondon() {
        assertThat(WorkingCalendar.zone("Mars/Olympus")).isEqualTo(LONDON);
        assertThat(WorkingCalendar.zone(null)).isEqualTo(LONDON);
        assertThat(WorkingCalendar.zone("Europe/Paris")).isEqualTo(ZoneId.of("Europe/Paris"));
    }
}
