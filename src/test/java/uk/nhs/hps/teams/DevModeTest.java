package uk.nhs.hps.teams;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.BotTestBase;
import uk.nhs.hps.support.TestDatabases;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Local development: no app id, no token, and the bot still answers at the activity's serviceUrl. */
@MicronautTest(transactional = false, environments = "dev")
class DevModeTest extends BotTestBase {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabases.h2());
        properties.put("teams.app-id", "");
        properties.put("teams.app-password", "");
        properties.put("micronaut.server.port", "-1");
        properties.put("scheduling.enabled", "false");
        return properties;
    }

    @Test
    void emulatorStyleActivityWithoutRecipientRoleIsAnswered() {
        String activity = """
                {"type":"message","id":"local-emulator-1","channelId":"emulator","text":"help",
                 "serviceUrl":"%s","from":{"id":"user-1","name":"Alex"},
                 "recipient":{"id":"bot"},"conversation":{"id":"conv-1"}}""".formatted(connector.serviceUrl());

        HttpResponse<String> response = post(activity, null);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(connector.messagesTo("conv-1")).isNotEmpty();
    }

    @Test
    void unauthenticatedMessageGetsTheWelcomeReplyAtItsServiceUrl() {
        Activities activity = Activities.message("hello").serviceUrl(connector.serviceUrl());

        HttpResponse<String> response = post(activity.json(), null);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(connector.messages()).isNotEmpty();
        assertThat(connector.messages().get(0).card().path("body").get(0).path("text").asText())
                .startsWith("Welcome to HPS Companion");
    }
}
