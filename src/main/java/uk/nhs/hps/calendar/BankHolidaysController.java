package uk.nhs.hps.calendar;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.admin.AdminGate;
import uk.nhs.hps.admin.AdminPrincipal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * The programme team edits the England and Wales bank holidays the nudges skip. Edits apply on every node at
 * the next pass of "enqueue due nudges"; additions and removals are audited by {@link BankHolidays}.
 */
@Tag(name = "Calendar")
@Controller("/admin/api/calendar/bank-holidays")
@ExecuteOn(TaskExecutors.BLOCKING)
class BankHolidaysController {

    @Serdeable
    record HolidayView(LocalDate date, String name, BankHolidays.Origin origin, boolean holiday) {
        static HolidayView of(BankHolidays.Entry e) {
            return new HolidayView(e.date(), e.name(), e.origin(), e.holiday());
        }
    }

    @Serdeable
    record HolidayRequest(@Nullable String date, @Nullable String name) {
    }

    private final BankHolidays holidays;
    private final AdminGate gate;
    private final Clock clock;

    BankHolidaysController(BankHolidays holidays, AdminGate gate, Clock clock) {
        this.holidays = holidays;
        this.gate = gate;
        this.clock = clock;
    }

    /** Bank holidays from {@code from} (default today, UK) to {@code to} (default a year later), edits marked. */
    @Get
    List<HolidayView> list(@Nullable @QueryValue String from, @Nullable @QueryValue String to,
                           @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_CALENDAR, null, "list bank holidays");
        LocalDate start = from == null ? LocalDate.now(clock.withZone(WorkingCalendar.DEFAULT_ZONE)) : BankHolidays.parseDay(from);
        LocalDate end = to == null ? start.plusMonths(12) : BankHolidays.parseDay(to);
        if (end.isBefore(start)) {
            throw new InvalidRequest("'to' must not be before 'from'.");
        }
        return holidays.between(start, end).stream().map(HolidayView::of).toList();
    }

    /** Adds a bank holiday, or renames one; {@code {"date":"2027-05-03","name":"Extra day"}}. */
    @Post
    HolidayView add(@Body HolidayRequest request,
                    @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_CALENDAR, null, "add bank holiday");
        LocalDate day = BankHolidays.parseDay(request.date());
        holidays.add(day, request.name(), admin.actor());
        return holidays.between(day, day).stream().map(HolidayView::of).findFirst().orElseThrow();
    }

    /** Removes a bank holiday (shipped or added), so the day is a working day again. */
    @Delete("/{date}")
    HttpResponse<Void> remove(String date,
                              @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_CALENDAR, null, "remove bank holiday");
        LocalDate day = BankHolidays.parseDay(date);
        if (!holidays.remove(day, admin.actor())) {
            throw new NotFound(day + " is not a bank holiday.");
        }
        return HttpResponse.noContent();
    }
}
