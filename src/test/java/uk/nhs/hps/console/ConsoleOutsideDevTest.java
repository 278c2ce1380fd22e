package uk.nhs.hps.console;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.TestDatabases;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Outside the dev environment the dev sign-in does not exist, and switching it on stops the start. */
@MicronautTest(transactional = false)
class ConsoleOutsideDevTest extends ConsoleTestBase {

    @Test
    void theDevSignInPageIsNotFound() {
        assertThat(call("GET", "/console/dev-sign-in", null, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void theServiceRefusesToStartWithTheDevSignInOnOutsideDev() {
        Map<String, Object> properties = new HashMap<>(TestDatabases.h2());
        properties.put("teams.app-id", APP_ID);
        properties.put("teams.app-password", "test-password-not-a-secret");
        properties.put("scheduling.enabled", "false");
        properties.put("console.dev-sign-in", "true");

        assertThatThrownBy(() -> ApplicationContext.builder().deduceEnvironment(false).environmentPropertySource(false)
                .properties(properties).start().close())
                .hasStackTraceContaining("console's dev sign-in");
    }
}
