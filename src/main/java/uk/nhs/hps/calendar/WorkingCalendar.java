package uk.nhs.hps.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import uk.nhs.hps.people.SchemeTimeZone;

/**
 * When a person may be nudged: working days only (Monday to Friday, not a bank holiday) and, on those days,
 * only between {@code dayStarts} (inclusive) and {@code dayEnds} (exclusive) local time. Pure and clock-free:
 * every question takes the instant or date it is about.
 */
public final class WorkingCalendar {

    public static final ZoneId DEFAULT_ZONE = SchemeTimeZone.ZONE;

    private final Map<LocalDate, String> holidays;
    private final LocalTime dayStarts;
    private final LocalTime dayEnds;

    public WorkingCalendar(Map<LocalDate, String> holidays, LocalTime dayStarts, LocalTime dayEnds) {
        if (!dayStarts.isBefore(dayEnds)) {
            throw new IllegalArgumentException("The nudging day must start before it ends: " + dayStarts + "–" + dayEnds);
        }
        this.holidays = new TreeMap<>(holidays);
        this.dayStarts = dayStarts;
        this.dayEnds = dayEnds;
    }

    public static WorkingCalendar of(Set<LocalDate> holidays) {
        Map<LocalDate, String> named = new TreeMap<>();
        holidays.forEach(d -> named.put(d, "Bank holiday"));
        return new WorkingCalendar(named, LocalTime.of(8, 0), LocalTime.of(18, 0));
    }

    /** A person's zone, falling back to Europe/London when missing or not a zone id. */
    public static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return DEFAULT_ZONE;
        }
        try {
            return ZoneId.of(timeZone.trim());
        } catch (java.time.DateTimeException e) {
            return DEFAULT_ZONE;
        }
    }

    public boolean isBankHoliday(LocalDate day) {
        return holidays.containsKey(day);
    }

    public boolean isWorkingDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !isBankHoliday(day);
    }

    public LocalDate firstWorkingDayOnOrAfter(LocalDate day) {
        LocalDate d = day;
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    public LocalDate firstWorkingDay(YearMonth month) {
        return firstWorkingDayOnOrAfter(month.atDay(1));
    }

    /** Whether a nudge may arrive at this instant for someone in this zone. */
    public boolean mayNudge(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        return isWorkingDay(local.toLocalDate()) && !time.isBefore(dayStarts) && time.isBefore(dayEnds);
    }

    /**
     * The instant of a local date and time in a zone. A time that does not exist (the spring-forward gap)
     * moves forward by the gap, as {@link ZonedDateTime#of} does.
     */
    public static Instant at(LocalDate day, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(day, time, zone).toInstant();
    }

    public LocalTime dayStarts() {
        return dayStarts;
    }

    public LocalTime dayEnds() {
        return dayEnds;
    }

    public Map<LocalDate, String> holidays() {
        return java.util.Collections.unmodifiableMap(holidays);
    }
}
