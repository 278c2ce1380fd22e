package uk.nhs.hps.teams;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.TestDatabases;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Outside local development the service refuses to start without bot credentials. */
class StartupSafetyTest {

    @Test
    void refusesToStartOutsideDevWithoutAppIdAndSaysWhatToSet() {
        assertThatThrownBy(() -> ApplicationContext.run(properties(Map.of()), "prod").close())
                .hasStackTraceContaining("MICROSOFT_APP_ID")
                .hasStackTraceContaining("MICROSOFT_APP_PASSWORD");
    }

    @Test
    void refusesToStartOutsideDevWithAppIdButNoPassword() {
        assertThatThrownBy(() -> ApplicationContext.run(properties(Map.of("teams.app-id", "some-app")), "prod").close())
                .hasStackTraceContaining("MICROSOFT_APP_PASSWORD");
    }

    @Test
    void startsOutsideDevWhenCredentialsAreSet() {
        try (ApplicationContext context = ApplicationContext.run(
                properties(Map.of("teams.app-id", "some-app", "teams.app-password", "pw")), "prod")) {
            assertThat(context.isRunning()).isTrue();
        }
    }

    @Test
    void startsInDevWithoutCredentials() {
        try (ApplicationContext context = ApplicationContext.run(properties(Map.of()), "dev")) {
            assertThat(context.isRunning()).isTrue();
        }
    }

    private static Map<String, Object> properties(Map<String, String> extra) {
        Map<String, Object> properties = new HashMap<>(TestDatabases.h2());
        properties.putAll(extra);
        return properties;
    }
}
