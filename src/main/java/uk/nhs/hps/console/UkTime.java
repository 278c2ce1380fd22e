package uk.nhs.hps.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console writes dates and times: UK style, in UK time ("15 May 2027, 09:00"). */
public final class UkTime {

    public static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm", Locale.UK);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.UK);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM uuuu", Locale.UK);
    private static final DateTimeFormatter SHORT_MONTH = DateTimeFormatter.ofPattern("MMM uuuu", Locale.UK);

    private UkTime() {
    }

    public static String dateTime(Instant instant) {
        return DATE_TIME.format(instant.atZone(ZONE));
    }

    public static String date(LocalDate date) {
        return DATE.format(date);
    }

    public static String month(YearMonth month) {
        return MONTH.format(month);
    }

    /** "Sept 2027" would be Java's UK short form for September; charts want three letters everywhere. */
    public static String shortMonth(YearMonth month) {
        String text = SHORT_MONTH.format(month);
        return text.startsWith("Sept") ? "Sep" + text.substring(4) : text;
    }
}
