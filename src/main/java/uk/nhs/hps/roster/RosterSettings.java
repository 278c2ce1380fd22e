package uk.nhs.hps.roster;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** {@code roster.*}: limits on roster files (ROSTER_IMPORT_MAX_ROWS, ROSTER_IMPORT_MAX_BYTES). */
@ConfigurationProperties("roster")
public record RosterSettings(@Nullable Integer importMaxRows, @Nullable Integer importMaxBytes) {

    public int maxRowsOrDefault() {
        return importMaxRows == null ? 10_000 : importMaxRows;
    }

    public int maxBytesOrDefault() {
        return importMaxBytes == null ? 5 * 1024 * 1024 : importMaxBytes;
    }
}
