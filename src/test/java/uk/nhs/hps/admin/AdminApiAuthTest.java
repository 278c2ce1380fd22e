package uk.nhs.hps.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.FakeEntraIssuer;
import uk.nhs.hps.support.TestUsers;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/** Who gets into the admin API, and what everyone else is told. */
@MicronautTest(transactional = false)
class AdminApiAuthTest extends AdminApiTestBase {

    @Test
    void programmeTeamMemberWithAValidTokenIsLetIn() {
        assertThat(get("/admin/api/cohorts").statusCode()).isEqualTo(200);
    }

    @Test
    void noTokenIsRefused() {
        HttpResponse<String> response = call("GET", "/admin/api/cohorts", null, null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.body()).contains("A bearer token is required.");
    }

    @Test
    void garbageTokenIsRefused() {
        assertRefused(call("GET", "/admin/api/cohorts", "not-a-jwt", null, null), "not a JWT");
    }

    @Test
    void expiredTokenIsRefused() {
        String token = entra.sign(entra.claims(TestUsers.PAT).withExpiresAt(Date.from(Instant.now().minusSeconds(3600))));

        assertRefused(call("GET", "/admin/api/cohorts", token, null, null), "expired");
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        String token = entra.sign(entra.claims(TestUsers.PAT).withAudience("api://some-other-api"));

        assertRefused(call("GET", "/admin/api/cohorts", token, null, null), "another audience");
    }

    @Test
    void tokenFromAnotherIssuerIsRefused() {
        String token = entra.sign(entra.claims(TestUsers.PAT).withIssuer("https://login.microsoftonline.com/other/v2.0"));

        assertRefused(call("GET", "/admin/api/cohorts", token, null, null), "issuer");
    }

    @Test
    void forgedSignatureIsRefused() {
        assertRefused(call("GET", "/admin/api/cohorts", entra.forge(entra.claims(TestUsers.PAT)), null, null), "signature");
    }

    @Test
    void devTokenIsRefusedOutsideDev() {
        assertRefused(call("GET", "/admin/api/cohorts", "dev-token-for-tests-only", null, null), "only in the dev environment");
    }

    @Test
    void validTokenOfSomeoneNotOnTheProgrammeTeamIsForbidden() {
        HttpResponse<String> response = call("GET", "/admin/api/cohorts", entra.token(TestUsers.STRANGER), null, null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("programme-team members only");
    }

    @Test
    void openApiDescriptionIsServedWithoutAToken() {
        HttpResponse<String> response = call("GET", "/admin/api/openapi.yml", null, null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("openapi:").contains("/admin/api/roster/import").contains("bearer");
    }

    private static void assertRefused(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains(reason);
    }

    @SuppressWarnings("unused")
    private static String audience() {
        return FakeEntraIssuer.AUDIENCE;
    }
}
