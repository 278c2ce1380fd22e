package uk.nhs.hps.roster;

import io.micronaut.core.annotation.Nullable;

/**
 * One data row of a roster file, as typed (trimmed), with the line it started on. {@code streamColumn} says
 * whether the file has a {@code stream} column at all: a file without one leaves recorded streams as they are.
 */
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
        @Nullable String timeZone,
        @Nullable String stream,
        boolean streamColumn) {
}
