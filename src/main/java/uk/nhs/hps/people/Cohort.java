package uk.nhs.hps.people;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/** A group of participants who start and finish the scheme together, with its own settings. */
@MappedEntity("cohort")
public record Cohort(
        @Id @GeneratedValue @Nullable Long id,
        String name,
        String nameKey,
        LocalDate startsOn,
        LocalDate endsOn,
        String timeZone,
        int reflectivePromptDays,
        Instant createdAt,
        Instant updatedAt) {

    /** Cohort names match ignoring case and surrounding whitespace. */
    public static String key(String name) {
        return name == null ? null : name.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
