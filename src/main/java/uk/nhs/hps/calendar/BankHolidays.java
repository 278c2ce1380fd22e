package uk.nhs.hps.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import uk.nhs.hps.privacy.AuditLog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
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
        return new WorkingCalendar(all(), settings.dayStartsTime(), settings.dayEndsTime());
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

    /** Adds (or renames) a bank holiday. */
    public void add(LocalDate day, String name, String actor) {
        String clean = name == null || name.isBlank() ? "Bank holiday" : name.strip();
        if (clean.length() > 100) {
            throw new IllegalArgumentException("A bank holiday's name can be at most 100 characters.");
        }
        save(new BankHolidayOverride(day, clean, true, actor, clock.instant()));
        audit.record(actor, "BANK_HOLIDAY_ADDED", null, day.toString());
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
