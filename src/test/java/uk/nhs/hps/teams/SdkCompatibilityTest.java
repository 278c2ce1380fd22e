package uk.nhs.hps.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.connector.authentication.ChannelValidation;
import com.microsoft.bot.connector.authentication.ClaimsIdentity;
import com.microsoft.bot.connector.authentication.JwtTokenValidation;
import com.microsoft.bot.connector.authentication.SimpleChannelProvider;
import com.microsoft.bot.connector.authentication.SimpleCredentialProvider;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.Serialization;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.FakeTokenIssuer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK was built against 2021-era Jackson, OkHttp and JWT libraries; we run it on newer ones.
 * These checks prove it still reads and writes activities and validates tokens with what we ship.
 */
class SdkCompatibilityTest {

    @Test
    void runsOnTheOverriddenLibraryVersions() {
        assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.getMinorVersion()).isGreaterThanOrEqualTo(18);
        assertThat(jarOf(okhttp3.OkHttpClient.class)).contains("okhttp-3.14.");
        assertThat(jarOf(com.google.common.collect.ImmutableList.class)).contains("guava-33.");
        assertThat(jarOf(com.auth0.jwt.JWT.class)).contains("java-jwt-3.19.");
        assertThat(jarOf(com.auth0.jwk.UrlJwkProvider.class)).contains("jwks-rsa-0.22.");
        assertThat(jarOf(com.nimbusds.jose.JWSObject.class)).contains("nimbus-jose-jwt-10.");
    }

    private static String jarOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation().getPath();
    }

    @Test
    void activityRoundTripsThroughSdkSerialisation() throws Exception {
        String json = Activities.message("hello <at>HPS Companion</at>").serviceUrl("https://smba.example/uk/").json();

        Activity activity = Serialization.treeToValue(Serialization.jsonToTree(json), Activity.class);
        Attachment card = new Attachment();
        card.setContentType(TeamsBot.ADAPTIVE_CARD);
        card.setContent(Serialization.jsonToTree("{\"type\":\"AdaptiveCard\",\"version\":\"1.5\"}"));
        activity.setAttachments(java.util.List.of(card));
        JsonNode written = Serialization.jsonToTree(Serialization.toString(activity));

        assertThat(activity.getFrom().getAadObjectId()).isEqualTo("aad-alice");
        assertThat(activity.getConversation().getTenantId()).isNotBlank();
        assertThat(written.path("text").asText()).isEqualTo("hello <at>HPS Companion</at>");
        assertThat(written.path("attachments").get(0).path("content").path("version").asText()).isEqualTo("1.5");
        assertThat(written.path("channelData").path("tenant").path("id").asText()).isNotBlank();
    }

    @Test
    void sdkValidatesAndReadsClaimsOfASignedToken() throws Exception {
        FakeTokenIssuer issuer = FakeTokenIssuer.instance();
        ChannelValidation.setOpenIdMetaDataUrl(issuer.openIdMetadataUrl());
        String serviceUrl = "https://smba.example/uk/";
        Activity activity = Serialization.treeToValue(
                Serialization.jsonToTree(Activities.message("hi").serviceUrl(serviceUrl).json()), Activity.class);

        ClaimsIdentity identity = JwtTokenValidation.authenticateRequest(activity,
                "Bearer " + issuer.channelToken("sdk-test-app", serviceUrl),
                new SimpleCredentialProvider("sdk-test-app", "pw"), new SimpleChannelProvider()).join();

        assertThat(identity.isAuthenticated()).isTrue();
        assertThat(identity.claims()).containsEntry("aud", "sdk-test-app").containsEntry("serviceurl", serviceUrl);
    }
}
