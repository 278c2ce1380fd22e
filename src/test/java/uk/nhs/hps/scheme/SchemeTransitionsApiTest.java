package uk.nhs.hps.scheme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.admin.AdminApiTestBase;
import uk.nhs.hps.people.CareerTransition;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /admin/api/scheme/transitions shows the transitions file as the service loaded it. */
@MicronautTest(transactional = false)
class SchemeTransitionsApiTest extends AdminApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Transitions transitions;

    @Test
    void programmeTeamSeesBothTransitionsWithTheirKeyExperiencesAndSources() throws IOException {
        HttpResponse<String> response = get("/admin/api/scheme/transitions");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("version").asText()).isEqualTo(transitions.version());
        JsonNode two = body.path("transitions").get(1);
        Transitions.Transition expected = transitions.of(CareerTransition.TWO);
        assertThat(two.path("stream").asInt()).isEqualTo(2);
        assertThat(two.path("targetRoles").path("text").asText()).isEqualTo(expected.targetRoles().text());
        assertThat(two.path("keyExperiences")).extracting(k -> k.path("key").asText())
                .containsExactlyElementsOf(expected.keyExperiences().stream().map(Transitions.KeyExperience::key).toList());
        assertThat(two.path("keyExperiences").get(0).path("source").path("passage").asText())
                .isEqualTo(expected.keyExperiences().get(0).source().passage());
    }

    @Test
    void programmeTeamSeesTheFourAreasWithTheirMapping() throws IOException {
        JsonNode areas = JSON.readTree(get("/admin/api/scheme/transitions").body()).path("areas");

        assertThat(areas).hasSize(transitions.areas().size());
        Transitions.Area first = transitions.areas().get(0);
        assertThat(areas.get(0).path("name").asText()).isEqualTo(first.name());
        assertThat(areas.get(0).path("healthcareLeadershipModel")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(first.healthcareLeadershipModel());
    }

    @Test
    void someoneNotOnTheProgrammeTeamIsForbidden() {
        HttpResponse<String> response = call("GET", "/admin/api/scheme/transitions", entra.token(TestUsers.STRANGER), null, null);

        assertThat(response.statusCode()).isEqualTo(403);
    }
}
