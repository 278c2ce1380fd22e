package uk.nhs.hps.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.RecordsTestBase;
import uk.nhs.hps.support.TestUsers;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input on /api/messages gets a clear answer, never a 500 or an apology (issue 10, section 7). */
@MicronautTest(transactional = false)
class BadInputTest extends RecordsTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String signed() {
        return "Bearer " + issuer.channelToken(APP_ID, connector.serviceUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2, 3]", "\"message\"", "42", "true", "null", "[{\"type\":\"message\"}]"})
    void aJsonBodyThatIsNotAnObjectIsABadRequestWithTheReason(String body) throws Exception {
        HttpResponse<String> response = post(body, signed());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText()).contains("must be a JSON object");
        assertThat(connector.calls()).isEmpty();
    }

    @Test
    void anActivityWithoutServiceUrlIsABadRequestWithTheReason() throws Exception {
        ObjectNode activity = (ObjectNode) JSON.readTree(Activities.message("help").json());
        activity.remove("serviceUrl");

        HttpResponse<String> response = post(activity.toString(), signed());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText()).contains("no serviceUrl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "ftp://smba.example.org/", "https://", "/relative/path", "https://user:pw@evil.example/",
            "javascript:alert(1)", "http://[::1"})
    void anActivityWithAMalformedServiceUrlIsABadRequestWithTheReason(String serviceUrl) throws Exception {
        ObjectNode activity = (ObjectNode) JSON.readTree(Activities.message("help").json());
        activity.put("serviceUrl", serviceUrl);

        HttpResponse<String> response = post(activity.toString(), signed());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText()).contains("serviceUrl");
        assertThat(connector.calls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {60 * 1024, 120 * 1024, 200 * 1024})
    void aHugeCardFieldIsTooLongBeforeAnyCardIsBuilt(int size) {
        TestUsers.User user = newUser("Long Writer");
        onRoster(user, Role.PARTICIPANT, cohort().id());

        press(user, Map.of("action", "reflection.save", "title", "A title", "step_what", "x".repeat(size)));

        List<FakeBotConnector.Call> replies = connector.messagesTo(user.conversationId());
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).card()).isNull();
        assertThat(replies.get(0).text()).startsWith("That is too long (at most 20,000 characters)");
    }

    @Test
    void manyLongFieldsTogetherAreTooLong() {
        TestUsers.User user = newUser("Many Fields");
        onRoster(user, Role.PARTICIPANT, cohort().id());
        String long15k = "y".repeat(15_000);

        press(user, Map.of("action", "reflection.save", "step_a", long15k, "step_b", long15k, "step_c", long15k));

        assertThat(last(user).text()).startsWith("That is too long (at most 40,000 characters in all)");
    }

    @Test
    void aHugeFieldInAnActionExecuteIsAnsweredInTheInvokeResponse() throws Exception {
        TestUsers.User user = newUser("Execute Writer");
        onRoster(user, Role.PARTICIPANT, cohort().id());

        HttpResponse<String> response = send(Activities.execute("reflection.save",
                node(Map.of("step_what", "z".repeat(100 * 1024)))).from(user));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("value").asText()).startsWith("That is too long");
    }

    @Test
    void aDuplicateActionExecuteGets200WithTheSameCard() throws Exception {
        TestUsers.User user = newUser("Double Press");
        onRoster(user, Role.PARTICIPANT, cohort().id());
        Activities press = Activities.execute("help", JSON.createObjectNode()).from(user);

        HttpResponse<String> first = send(press);
        HttpResponse<String> again = send(press);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode card = JSON.readTree(again.body());
        assertThat(card.path("type").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(card).isEqualTo(JSON.readTree(first.body()));
    }

    @Test
    void aDuplicateOfAnUnknownInvokeStillGets200() throws Exception {
        TestUsers.User user = newUser("Forgotten Press");
        onRoster(user, Role.PARTICIPANT, cohort().id());
        Activities press = Activities.execute("no-such-button", JSON.createObjectNode()).from(user);
        send(press);

        HttpResponse<String> again = send(press);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("statusCode").asInt()).isEqualTo(200);
    }
}
