package uk.nhs.hps.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** In the dev environment the configured static dev token opens the admin API. */
@MicronautTest(transactional = false, environments = "dev")
class AdminDevTokenTest extends AdminApiTestBase {

    @Test
    void devTokenWorksInDev() {
        assertThat(call("GET", "/admin/api/cohorts", "dev-token-for-tests-only", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void anyOtherStaticStringIsStillRefused() {
        assertThat(call("GET", "/admin/api/cohorts", "dev-token-guess", null, null).statusCode()).isEqualTo(401);
    }
}
