package uk.nhs.hps.roster;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** {@code roster.*}: limits on roster files (ROSTER_IMPORT_MAX_ROWS, ROSTER_IMPORT_MAX_BYTES: 5 MB). */
@ConfigurationProperties("roster")
public record RosterSettings(
        @Bindable(defaultValue = "10000") int importMaxRows,
        @Bindable(defaultValue = "5242880") int importMaxBytes) {
}
