package uk.nhs.hps.calendar;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.console.ConsolePages;
import uk.nhs.hps.console.SigningIn;
import uk.nhs.hps.console.UkTime;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console's calendar and settings page (issue 16, page 5): the bank holidays nudges skip (the shipped list with the
 * programme team's additions and removals, through {@link BankHolidays} as the admin API and chat command do), the
 * quiet hours, and each cohort's meeting nudge time and second-nudge day ({@link CohortNudgeTimes}). Changes are
 * audited by those use cases; a form sent twice changes nothing more.
 */
@Hidden
@Controller("/console/calendar")
@ExecuteOn(TaskExecutors.BLOCKING)
class CalendarConsoleController {

    private static final String SECTION = "calendar";
    private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.UK);

    private final BankHolidays holidays;
    private final CohortNudgeTimes nudgeTimes;
    private final Access access;
    private final ConsolePages pages;
    private final Clock clock;

    CalendarConsoleController(BankHolidays holidays, CohortNudgeTimes nudgeTimes, Access access, ConsolePages pages, Clock clock) {
        this.holidays = holidays;
        this.nudgeTimes = nudgeTimes;
        this.access = access;
        this.pages = pages;
        this.clock = clock;
    }

    @Get
    MutableHttpResponse<String> page(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                     @Nullable @QueryValue String done, @Nullable @QueryValue String day) {
        return calendarPage(request, member, HttpStatus.OK, Map.of(), Map.of(), doneMessage(done, day));
    }

    @Post(value = "/bank-holidays", consumes = FORM)
    MutableHttpResponse<String> add(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                    @Nullable String date, @Nullable String name) {
        access.require(member.personId(), Action.MANAGE_CALENDAR, null, "console: add bank holiday");
        Map<String, String> typed = new HashMap<>();
        typed.put("date", date == null ? "" : date);
        typed.put("name", name == null ? "" : name);
        LocalDate day;
        try {
            day = BankHolidays.parseDay(date);
        } catch (InvalidRequest e) {
            String message = date == null || date.isBlank() ? "Enter the date of the bank holiday." : e.getMessage();
            return calendarPage(request, member, HttpStatus.UNPROCESSABLE_ENTITY, Map.of("date", message), typed, null);
        }
        boolean added;
        try {
            added = holidays.add(day, name, AuditLog.person(member.personId()));
        } catch (InvalidRequest e) {
            String field = name != null && name.strip().length() > BankHolidays.MAX_NAME ? "name" : "date";
            return calendarPage(request, member, HttpStatus.UNPROCESSABLE_ENTITY, Map.of(field, e.getMessage()), typed, null);
        }
        return back(added ? "added" : "already", day);
    }

    /** Removing asks first: the day becomes a working day, so nudges may go out on it. */
    @Post(value = "/bank-holidays/remove", consumes = FORM)
    MutableHttpResponse<String> remove(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                       @Nullable String date, @Nullable String confirm) {
        access.require(member.personId(), Action.MANAGE_CALENDAR, null, "console: remove bank holiday");
        LocalDate day;
        try {
            day = BankHolidays.parseDay(date);
        } catch (InvalidRequest e) {
            return calendarPage(request, member, HttpStatus.UNPROCESSABLE_ENTITY, Map.of("date", e.getMessage()), Map.of(), null);
        }
        if (!"yes".equals(confirm)) {
            String name = holidays.all().get(day);
            if (name == null) {
                return back("notholiday", day);
            }
            Map<String, Object> m = new HashMap<>();
            m.put("heading", "Remove " + name + ", " + DAY.format(day) + "?");
            m.put("details", List.of("It becomes a working day: nudges and prompts due that day are sent on it, instead of"
                    + " waiting for the next working day.", "You can add it back later."));
            m.put("date", day.toString());
            return pages.page(request, "calendar/confirm-remove", SECTION, m);
        }
        return back(holidays.remove(day, AuditLog.person(member.personId())) ? "removed" : "notholiday", day);
    }

    @Post(value = "/cohorts/{id}/meeting-nudges", consumes = FORM)
    MutableHttpResponse<String> nudges(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                       long id, @Nullable String nudgeAt, @Nullable String secondNudgeDay,
                                       @Nullable String defaults) {
        boolean reset = "yes".equals(defaults);
        CohortNudgeTimes.Change change;
        try {
            change = nudgeTimes.change(member.personId(), id, reset ? null : nudgeAt, reset ? null : secondNudgeDay);
        } catch (NotFound e) {
            return pages.render(request, HttpStatus.NOT_FOUND, "roster/not-found", SECTION,
                    Map.of("why", e.getMessage(), "back", "/console/calendar", "backText", "Back to the calendar"));
        }
        if (change instanceof CohortNudgeTimes.Invalid invalid) {
            Map<String, String> errors = new LinkedHashMap<>();
            invalid.errors().forEach((field, message) -> errors.put(field + "-" + id, message));
            Map<String, String> typed = new HashMap<>();
            typed.put("nudgeAt-" + id, nudgeAt == null ? "" : nudgeAt);
            typed.put("secondNudgeDay-" + id, secondNudgeDay == null ? "" : secondNudgeDay);
            return calendarPage(request, member, HttpStatus.UNPROCESSABLE_ENTITY, errors, typed, null);
        }
        return HttpResponse.seeOther(URI.create("/console/calendar?done="
                + (change instanceof CohortNudgeTimes.Changed ? "nudges" : "nudges-unchanged") + "#cohort-" + id));
    }

    private MutableHttpResponse<String> calendarPage(HttpRequest<?> request, SigningIn.Member member, HttpStatus status,
                                                     Map<String, String> errors, Map<String, String> typed,
                                                     @Nullable String done) {
        access.require(member.personId(), Action.MANAGE_CALENDAR, null, "console: calendar");
        LocalDate today = LocalDate.now(clock.withZone(WorkingCalendar.DEFAULT_ZONE));
        WorkingCalendar calendar = holidays.calendar();
        Map<String, Object> m = new HashMap<>();
        m.put("holidays", holidays.between(today.withDayOfYear(1), today.plusYears(5)).stream().map(e -> {
            Map<String, Object> row = new HashMap<>();
            row.put("date", e.date().toString());
            row.put("day", DAY.format(e.date()));
            row.put("name", e.name());
            row.put("origin", switch (e.origin()) {
                case SHIPPED -> "England and Wales list";
                case ADDED -> "Added by the programme team";
                case REMOVED -> "Removed by the programme team: a working day";
            });
            row.put("holiday", e.holiday());
            row.put("past", e.date().isBefore(today));
            return row;
        }).toList());
        m.put("dayStarts", calendar.dayStarts().toString());
        m.put("dayEnds", calendar.dayEnds().toString());
        m.put("cohorts", nudgeTimes.all(member.personId()).stream().map(t -> {
            Map<String, Object> row = new HashMap<>();
            row.put("id", t.cohortId());
            row.put("name", t.cohortName());
            row.put("nudgeAt", t.nudgeAt().toString());
            row.put("secondNudgeDay", t.secondNudgeDay());
            row.put("custom", t.custom());
            return row;
        }).toList());
        m.put("errors", errors);
        m.put("form", typed);
        m.put("done", done);
        m.put("today", today.toString());
        return pages.render(request, status, "calendar/calendar", SECTION, m);
    }

    @Nullable
    private static String doneMessage(@Nullable String done, @Nullable String day) {
        if (done == null) {
            return null;
        }
        String when;
        try {
            when = day == null ? "" : UkTime.date(LocalDate.parse(day));
        } catch (DateTimeParseException e) {
            when = "";
        }
        return switch (done) {
            case "added" -> when + " was added as a bank holiday. Nudges due that day move to the next working day.";
            case "already" -> when + " is already a bank holiday with that name, so nothing was changed.";
            case "removed" -> when + " is no longer a bank holiday: it is a working day for nudges.";
            case "notholiday" -> when + " is not a bank holiday, so nothing was changed.";
            case "nudges" -> "The cohort's meeting nudge times were changed. They apply from the next nudge.";
            case "nudges-unchanged" -> "The cohort already had those meeting nudge times, so nothing was changed.";
            default -> null;
        };
    }

    private static MutableHttpResponse<String> back(String done, LocalDate day) {
        return HttpResponse.seeOther(URI.create("/console/calendar?done=" + done + "&day=" + day + "#bank-holidays"));
    }
}
