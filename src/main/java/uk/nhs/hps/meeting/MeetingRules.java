package uk.nhs.hps.meeting;

import io.micronaut.core.annotation.Nullable;
import uk.nhs.hps.calendar.WorkingCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Which sponsor-meeting nudge, if any, is due for one sponsorship at an instant. Pure: the caller supplies
 * the calendar, the sponsor's zone and the cycles of this and last month (null when nothing was recorded).
 *
 * <ul>
 *   <li>FIRST: from the first working day of the month at the nudge time, while nothing is recorded.</li>
 *   <li>SECOND: from the {@code secondDay} (or the next working day) at the nudge time, while nothing is
 *       recorded; it supersedes FIRST, so a late start or long downtime sends one nudge, not two.</li>
 *   <li>SNOOZED: a snoozed cycle is quiet until the snooze date (or the next working day), then reminded once.
 *       A snooze that runs past the month's end is still honoured: the reminder comes on the promised day of
 *       the next month, about the snoozed month, which stays open until then (see {@link #snoozedPastMonthEnd}).</li>
 *   <li>BOOKED: the working day after a booked date, if the meeting has not been confirmed.</li>
 * </ul>
 * Nothing is due outside the calendar's nudging hours or on a non-working day in the sponsor's zone; what
 * became due then is sent at the next allowed minute, once.
 */
final class MeetingRules {

    enum Kind { FIRST, SECOND, SNOOZED, BOOKED }

    /** What was recorded for one month. */
    record Cycle(MeetingStatus status, @Nullable LocalDate bookedFor, @Nullable LocalDate snoozedUntil) {
        static final Cycle NOTHING = new Cycle(MeetingStatus.OPEN, null, null);
    }

    /** A nudge due: its kind, the month it is about and, for SNOOZED and BOOKED, the date it follows. */
    record Due(Kind kind, YearMonth month, @Nullable LocalDate date) {
        String keySuffix() {
            return month + ":" + kind.name().toLowerCase(java.util.Locale.ROOT) + (date == null ? "" : ":" + date);
        }
    }

    private final WorkingCalendar calendar;
    private final LocalTime nudgeAt;
    private final int secondDay;

    MeetingRules(WorkingCalendar calendar, LocalTime nudgeAt, int secondDay) {
        this.calendar = calendar;
        this.nudgeAt = nudgeAt;
        this.secondDay = secondDay;
    }

    List<Due> due(Instant now, ZoneId zone, LocalDate sponsorshipStarts, @Nullable Cycle thisMonth, @Nullable Cycle lastMonth) {
        List<Due> due = new ArrayList<>();
        if (!calendar.mayNudge(now, zone)) {
            return due;
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        if (sponsorshipStarts.isAfter(today)) {
            return due;
        }
        YearMonth month = YearMonth.from(today);
        if (lastMonth != null) {
            bookedFollowUp(now, zone, month.minusMonths(1), lastMonth).ifPresent(due::add);
            lateSnooze(now, zone, month.minusMonths(1), lastMonth).ifPresent(due::add);
        }
        Cycle cycle = thisMonth == null ? Cycle.NOTHING : thisMonth;
        switch (cycle.status()) {
            case BOOKED -> bookedFollowUp(now, zone, month, cycle).ifPresent(due::add);
            case OPEN -> {
                if (cycle.snoozedUntil() != null) {
                    if (reached(now, zone, cycle.snoozedUntil())) {
                        due.add(new Due(Kind.SNOOZED, month, cycle.snoozedUntil()));
                    }
                } else if (reached(now, zone, month.atDay(Math.min(secondDay, month.lengthOfMonth())))) {
                    due.add(new Due(Kind.SECOND, month, null));
                } else if (reached(now, zone, month.atDay(1))) {
                    due.add(new Due(Kind.FIRST, month, null));
                }
            }
            default -> {
                // met, skipped or missed: the month is closed for both sides
            }
        }
        return due;
    }

    /**
     * The day a snooze pressed today promises a reminder: a week on, or the next working day after that. The
     * promise names this day, and it is what is stored, so the reminder, the reply and the month's closing
     * agree even when the week runs into the next month.
     */
    static LocalDate snoozeReminderDay(WorkingCalendar calendar, LocalDate today) {
        return calendar.firstWorkingDayOnOrAfter(today.plusWeeks(1));
    }

    /**
     * A month whose snooze reminder falls after its end: it is not closed as missed on the 1st but left open
     * for the sponsor to answer the reminder (met in that month, or not that month), until the next month closes.
     */
    static boolean snoozedPastMonthEnd(YearMonth month, Cycle cycle) {
        return cycle.status() == MeetingStatus.OPEN && cycle.snoozedUntil() != null
                && cycle.snoozedUntil().isAfter(month.atEndOfMonth());
    }

    /** The first working day on or after the date, at the nudge time, in the zone. */
    Instant nudgeInstant(LocalDate onOrAfter, ZoneId zone) {
        return WorkingCalendar.at(calendar.firstWorkingDayOnOrAfter(onOrAfter), nudgeAt, zone);
    }

    private boolean reached(Instant now, ZoneId zone, LocalDate onOrAfter) {
        return !now.isBefore(nudgeInstant(onOrAfter, zone));
    }

    private java.util.Optional<Due> lateSnooze(Instant now, ZoneId zone, YearMonth month, Cycle cycle) {
        return snoozedPastMonthEnd(month, cycle) && reached(now, zone, cycle.snoozedUntil())
                ? java.util.Optional.of(new Due(Kind.SNOOZED, month, cycle.snoozedUntil()))
                : java.util.Optional.empty();
    }

    private java.util.Optional<Due> bookedFollowUp(Instant now, ZoneId zone, YearMonth month, Cycle cycle) {
        if (cycle.status() != MeetingStatus.BOOKED || cycle.bookedFor() == null) {
            return java.util.Optional.empty();
        }
        return reached(now, zone, cycle.bookedFor().plusDays(1))
                ? java.util.Optional.of(new Due(Kind.BOOKED, month, cycle.bookedFor()))
                : java.util.Optional.empty();
    }
}
