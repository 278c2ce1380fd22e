package uk.nhs.hps.programmeteam;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;

/** Applies HPS_BOOTSTRAP_PROGRAMME_TEAM when the service starts (each entry in its own transaction). */
@Singleton
class ProgrammeTeamBootstrapAtStart {

    private static final Logger LOG = LoggerFactory.getLogger(ProgrammeTeamBootstrapAtStart.class);

    private final ProgrammeTeamSettings settings;
    private final BootstrappingProgrammeTeam bootstrapping;

    ProgrammeTeamBootstrapAtStart(ProgrammeTeamSettings settings, BootstrappingProgrammeTeam bootstrapping) {
        this.settings = settings;
        this.bootstrapping = bootstrapping;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        List<String> entries = settings.bootstrap();
        for (int i = 0; i < entries.size(); i++) {
            BootstrappingProgrammeTeam.Outcome outcome = applyWithRetry(entries.get(i));
            // the position, never the address: logs hold nothing personal
            if (outcome == BootstrappingProgrammeTeam.Outcome.INVALID || outcome == BootstrappingProgrammeTeam.Outcome.NOT_ACTIVE) {
                LOG.warn("HPS_BOOTSTRAP_PROGRAMME_TEAM entry {} was not applied: {}", i + 1,
                        outcome == BootstrappingProgrammeTeam.Outcome.INVALID ? "neither an e-mail nor an Entra object id"
                                : "that person has left the scheme or was erased");
            } else {
                LOG.info("HPS_BOOTSTRAP_PROGRAMME_TEAM entry {}: {}", i + 1, outcome.name().toLowerCase(Locale.ROOT));
            }
        }
    }

    /** Two instances starting together may both try to create the row: the loser finds the winner's on retry. */
    private BootstrappingProgrammeTeam.Outcome applyWithRetry(String entry) {
        try {
            return bootstrapping.apply(entry);
        } catch (DataAccessException e) {
            return bootstrapping.apply(entry);
        }
    }

}
