package uk.nhs.hps.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.audit.AuditLog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * England and Wales bank holidays: the file shipped in the jar, with the programme team's additions and
 * removals from the database on top. Read on every use (one small query), so an edit on one node is seen
 * by the scheduler on every node at its next pass.
 */
@Singleton
public class BankHolidays {

    static final String SHIPPED = "/calendar/bank-holidays-england-and-wales.json";
    static final int MAX_NAME = 100;

    /** Where a listed day comes from: the shipped file, a programme-team addition (or rename), or a removal. */
    public enum Origin { SHIPPED, ADDED, REMOVED }

    /** A day in the listing; {@code REMOVED} days are shipped holidays the programme team took out (now working days). */
    public record Entry(LocalDate date, String name, Origin origin, boolean holiday) {
    }

    private final Map<LocalDate, String> shipped;
    private final BankHolidayOverrideRepository overrides;
    private final NudgeSettings settings;
    private final AuditLog audit;
    private final Clock clock;

    BankHolidays(BankHolidayOverrideRepository overrides, NudgeSettings settings, AuditLog audit, Clock clock) {
        this.shipped = readShipped();
        this.overrides = overrides;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /** The working calendar as it stands now: shipped holidays plus edits, and the configured nudging day. */
    public WorkingCalendar calendar() {
        return new WorkingCalendar(all(), settings.dayStarts(), settings.dayEnds());
    }

    /** Every bank holiday, by date, with its name. */
    public Map<LocalDate, String> all() {
        Map<LocalDate, String> days = new TreeMap<>(shipped);
        for (BankHolidayOverride o : overrides.findAll()) {
            if (o.holiday()) {
                days.put(o.holidayOn(), o.name());
            } else {
                days.remove(o.holidayOn());
            }
        }
        return days;
    }

    /**
     * Bank holidays from {@code from} to {@code to} inclusive, with the programme team's edits marked: added or
     * renamed days as {@code ADDED}, shipped days taken out as {@code REMOVED}.
     */
    public List<Entry> between(LocalDate from, LocalDate to) {
        Map<LocalDate, Entry> days = new TreeMap<>();
        shipped.forEach((day, name) -> days.put(day, new Entry(day, name, Origin.SHIPPED, true)));
        for (BankHolidayOverride o : overrides.findAll()) {
            days.put(o.holidayOn(), new Entry(o.holidayOn(), o.name(), o.holiday() ? Origin.ADDED : Origin.REMOVED, o.holiday()));
        }
        List<Entry> listed = new ArrayList<>();
        days.forEach((day, entry) -> {
            if (!day.isBefore(from) && !day.isAfter(to)) {
                listed.add(entry);
            }
        });
        return listed;
    }

    /** An ISO date as the programme team types it, or a clear {@link InvalidRequest}. */
    public static LocalDate parseDay(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequest("Give the date as YYYY-MM-DD, for example 2027-05-03.");
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequest("“" + text.strip() + "” is not a date: give it as YYYY-MM-DD, for example 2027-05-03.");
        }
    }

    /**
     * Adds (or renames) a bank holiday; a weekend day or an over-long name is an {@link InvalidRequest}. Returns false,
     * writing and auditing nothing, when the day is already a bank holiday of that name (a form sent twice).
     */
    public boolean add(LocalDate day, String name, String actor) {
        String clean = name == null || name.isBlank() ? "Bank holiday" : name.strip();
        if (clean.length() > MAX_NAME) {
            throw new InvalidRequest("A bank holiday's name can be at most " + MAX_NAME + " characters.");
        }
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            throw new InvalidRequest(day + " is a " + day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.UK)
                    + ", already not a working day; add the weekday substitute instead.");
        }
        if (clean.equals(all().get(day))) {
            return false;
        }
        save(new BankHolidayOverride(day, clean, true, actor, clock.instant()));
        audit.record(actor, "BANK_HOLIDAY_ADDED", null, day.toString());
        return true;
    }

    /** Removes a bank holiday, whether shipped or added; returns false if the day was not one. */
    public boolean remove(LocalDate day, String actor) {
        if (!all().containsKey(day)) {
            return false;
        }
        if (shipped.containsKey(day)) {
            save(new BankHolidayOverride(day, shipped.get(day), false, actor, clock.instant()));
        } else {
            overrides.deleteById(day);
        }
        audit.record(actor, "BANK_HOLIDAY_REMOVED", null, day.toString());
        return true;
    }

    private void save(BankHolidayOverride override) {
        if (overrides.existsById(override.holidayOn())) {
            overrides.update(override);
        } else {
            overrides.save(override);
        }
    }

    static Map<LocalDate, String> readShipped() {
        try (InputStream in = BankHolidays.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + SHIPPED + " in the jar");
            }
            Map<LocalDate, String> days = new TreeMap<>();
            for (JsonNode event : new ObjectMapper().readTree(in).path("events")) {
                days.put(LocalDate.parse(event.path("date").asText()), event.path("title").asText());
            }
            return days;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
