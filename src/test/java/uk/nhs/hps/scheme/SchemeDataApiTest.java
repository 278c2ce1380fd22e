package uk.nhs.hps.scheme;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import uk.nhs.hps.admin.AdminApiTestBase;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheme's data files as the programme team reads them through the admin API: each endpoint's content is the YAML
 * in src/main/resources, key for key and word for word (the files are parsed here, not through the service's loaders).
 */
@MicronautTest(transactional = false)
class SchemeDataApiTest extends AdminApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theMeetingEndpointIsTheSponsorMeetingFile() throws IOException {
        HttpResponse<String> response = get("/admin/api/scheme/meeting");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response)).isEqualTo(yaml("meeting/sponsor-meeting.yml"));
    }

    @Test
    void theReflectiveLogEndpointIsTheReflectiveLogFileAndSaysWhereTheAreasAreDefined() throws IOException {
        Map<String, Object> body = body(get("/admin/api/scheme/reflective-log"));

        Object areas = body.remove("areasAndKeyExperiences");
        assertThat(body).isEqualTo(yaml("reflection/reflective-log.yml"));
        assertThat(areas).isEqualTo("/admin/api/scheme/transitions");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theConversationEndpointIsTheConversationFile() throws IOException {
        Map<String, Object> body = body(get("/admin/api/scheme/conversation"));

        // the service's names for the file's nested keys, put back in the file's shape
        Map<String, Object> asFile = new LinkedHashMap<>();
        asFile.put("version", body.get("version"));
        asFile.put("drivers", Map.of("source", body.get("driversSource"), "introduction", body.get("driversIntroduction"),
                "list", body.get("drivers")));
        asFile.put("coach", Map.of("role", body.get("coachRole")));
        asFile.put("sponsor", Map.of("placementPanels", body.get("sponsorPlacementPanels")));
        assertThat(body).containsOnlyKeys("version", "driversSource", "driversIntroduction", "drivers", "coachRole",
                "sponsorPlacementPanels");
        assertThat(asFile).isEqualTo(yaml("scheme/conversation.yml"));
        assertThat((List<Object>) body.get("drivers")).hasSize(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSupersededGridIsReadableByItsVersionWithTheFilesLabels() throws IOException {
        Map<String, Object> body = body(get("/admin/api/scheme/grid/versions/hcls-1"));

        Map<String, Object> file = yaml("talent/grids/hcls-1.yml");
        assertThat(body.get("version")).isEqualTo(file.get("version"));
        assertThat(body.get("source")).isEqualTo(file.get("source"));
        Map<String, Object> labels = new LinkedHashMap<>();
        ((List<Map<String, Object>>) body.get("boxes")).forEach(b -> labels.put((String) b.get("key"), b.get("label")));
        assertThat(labels).isEqualTo(file.get("boxes"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/api/scheme/meeting", "/admin/api/scheme/reflective-log", "/admin/api/scheme/conversation"})
    void someoneNotOnTheProgrammeTeamIsRefused(String path) {
        assertThat(call("GET", path, entra.token(TestUsers.STRANGER), null, null).statusCode()).isEqualTo(403);
        assertThat(call("GET", path, null, null, null).statusCode()).isEqualTo(401);
    }

    private static Map<String, Object> body(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readValue(response.body(), new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String resource) throws IOException {
        try (InputStream in = SchemeDataApiTest.class.getClassLoader().getResourceAsStream(resource)) {
            return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
    }
}
