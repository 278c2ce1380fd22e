package uk.nhs.hps.roster;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code roster.*}: limits on roster files (ROSTER_IMPORT_MAX_ROWS, ROSTER_IMPORT_MAX_BYTES: 5 MB), and how long an
 * import may go unheard from before it is taken to have stopped with its service (ROSTER_IMPORT_LEASE; renewed every
 * third of it while the import runs, so it only runs out when the service has stopped).
 */
@ConfigurationProperties("roster")
public record RosterSettings(
        @Bindable(defaultValue = "10000") int importMaxRows,
        @Bindable(defaultValue = "5242880") int importMaxBytes,
        @Bindable(defaultValue = "5m") Duration importLease) {
}
