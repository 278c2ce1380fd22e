package uk.nhs.hps.teams;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.BotTestBase;

import java.net.http.HttpResponse;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** With an app id configured, only activities carrying a valid Bot Framework token get through. */
@MicronautTest(transactional = false)
class BotAuthenticationTest extends BotTestBase {

    @Test
    void acceptsCorrectlySignedActivityAndRepliesAtItsServiceUrl() {
        HttpResponse<String> response = send(Activities.message("help"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(connector.messages()).isNotEmpty();
        assertThat(connector.messages().get(0).authorization()).isEqualTo("Bearer outgoing-test-token");
    }

    @Test
    void rejectsActivityWithoutAuthorizationHeader() {
        assertUnauthorised(null);
    }

    @Test
    void rejectsTokenSignedWithUnpublishedKey() {
        assertUnauthorised("Bearer " + issuer.forge(issuer.claims(APP_ID, connector.serviceUrl())));
    }

    @Test
    void rejectsExpiredToken() {
        Instant longAgo = Instant.now().minusSeconds(7200);
        assertUnauthorised("Bearer " + issuer.sign(issuer.claims(APP_ID, connector.serviceUrl())
                .withIssuedAt(java.util.Date.from(longAgo)).withNotBefore(java.util.Date.from(longAgo)).withExpiresAt(java.util.Date.from(longAgo.plusSeconds(600)))));
    }

    @Test
    void rejectsTokenForAnotherBot() {
        assertUnauthorised("Bearer " + issuer.sign(issuer.claims("another-bots-app-id", connector.serviceUrl())));
    }

    @Test
    void rejectsTokenFromAnotherIssuer() {
        assertUnauthorised("Bearer " + issuer.sign(issuer.claims(APP_ID, connector.serviceUrl())
                .withIssuer("https://login.example.org/not-bot-framework")));
    }

    @Test
    void rejectsTokenWhoseServiceUrlClaimDiffersFromTheActivity() {
        assertUnauthorised("Bearer " + issuer.sign(issuer.claims(APP_ID, "https://smba.example.org/elsewhere/")));
    }

    @Test
    void rejectsMalformedBearerValue() {
        assertUnauthorised("Bearer not-a-jwt");
    }

    private void assertUnauthorised(String authorization) {
        Activities activity = Activities.message("help").serviceUrl(connector.serviceUrl());

        HttpResponse<String> response = post(activity.json(), authorization);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(connector.calls()).isEmpty();
    }
}
