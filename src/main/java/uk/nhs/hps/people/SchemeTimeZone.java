package uk.nhs.hps.people;

import java.time.ZoneId;

/** The scheme's home time zone: the default for people, cohorts, schedules and "this month". */
public final class SchemeTimeZone {

    /** A compile-time constant, so configuration defaults can name it too. */
    public static final String NAME = "Europe/London";
    public static final ZoneId ZONE = ZoneId.of(NAME);

    private SchemeTimeZone() {
    }
}
