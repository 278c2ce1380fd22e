package uk.nhs.hps.roster;

import io.micronaut.core.annotation.Nullable;

/** One data row of a roster file, as typed (trimmed), with the line it started on. */
record RosterRow(
        long line,
        @Nullable String email,
        @Nullable String name,
        @Nullable String organisation,
        @Nullable String band,
        @Nullable String cohort,
        @Nullable String sponsorEmail,
        @Nullable String sponsorName,
        @Nullable String coachEmail,
        @Nullable String coachName,
        @Nullable String timeZone) {
}
