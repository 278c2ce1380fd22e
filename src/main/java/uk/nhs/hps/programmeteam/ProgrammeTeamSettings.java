package uk.nhs.hps.programmeteam;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * {@code programme-team.bootstrap} (HPS_BOOTSTRAP_PROGRAMME_TEAM): comma-separated e-mails or Entra object ids of
 * people made programme-team members at start, so a fresh database has a way in. Held stripped, without blanks
 * or repeats.
 */
@ConfigurationProperties("programme-team")
public record ProgrammeTeamSettings(@Nullable List<String> bootstrap) {

    public ProgrammeTeamSettings {
        bootstrap = bootstrap == null ? List.of()
                : bootstrap.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
