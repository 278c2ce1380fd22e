package uk.nhs.hps.programmeteam;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.Arrays;
import java.util.List;

/**
 * {@code programme-team.bootstrap} (HPS_BOOTSTRAP_PROGRAMME_TEAM): comma-separated e-mails or Entra object ids of
 * people made programme-team members at start, so a fresh database has a way in.
 */
@ConfigurationProperties("programme-team")
public record ProgrammeTeamSettings(@Nullable String bootstrap) {

    public List<String> bootstrapEntries() {
        if (bootstrap == null || bootstrap.isBlank()) {
            return List.of();
        }
        return Arrays.stream(bootstrap.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
