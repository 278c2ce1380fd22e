package uk.nhs.hps.roster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.admin.AdminApiTestBase;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The development stream through the admin API: import, read, change, export, subject access. */
@MicronautTest(transactional = false)
class DevelopmentStreamAdminApiTest extends AdminApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AuditLog audit;

    @Test
    void importedStreamIsShownOnThePerson() throws IOException {
        long id = imported("1");

        JsonNode person = JSON.readTree(get("/admin/api/people/" + id).body());

        assertThat(person.path("stream").asInt()).isEqualTo(1);
    }

    @Test
    void personWithoutAStreamShowsNull() throws IOException {
        long id = imported("");

        JsonNode person = JSON.readTree(get("/admin/api/people/" + id).body());

        assertThat(person.path("stream").isNumber()).as("no stream (null or left out)").isFalse();
        assertThat(person.path("email").asText()).startsWith("ds");
    }

    @Test
    void streamCanBeChangedAndTheChangeIsAudited() throws IOException {
        long id = imported("1");

        HttpResponse<String> changed = send("PUT", "/admin/api/people/" + id + "/stream", "{\"stream\":2}");

        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(changed.body()).path("stream").asInt()).isEqualTo(2);
        assertThat(JSON.readTree(get("/admin/api/people/" + id).body()).path("stream").asInt()).isEqualTo(2);
        assertThat(audit.about(id)).filteredOn(e -> e.action().equals(RecordingDevelopmentStream.STREAM_CHANGE))
                .singleElement().satisfies(e -> assertThat(e.detail()).isEqualTo("1 -> 2"));
    }

    @Test
    void streamCanBeCleared() throws IOException {
        long id = imported("2");

        HttpResponse<String> cleared = send("PUT", "/admin/api/people/" + id + "/stream", "{\"stream\":null}");

        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(get("/admin/api/people/" + id).body()).path("stream").isNumber()).isFalse();
    }

    @Test
    void streamOtherThanOneOrTwoIsABadRequest() throws IOException {
        long id = imported("1");

        HttpResponse<String> refused = send("PUT", "/admin/api/people/" + id + "/stream", "{\"stream\":3}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("must be 1 or 2");
        assertThat(JSON.readTree(get("/admin/api/people/" + id).body()).path("stream").asInt()).isEqualTo(1);
    }

    @Test
    void sponsorCannotBeGivenAStream() throws IOException {
        String cohort = cohort();
        importCsv(RosterImportTest.STREAM_HEADER + "p@" + cohort + ".nhs.net,P,,," + cohort + ",sp@" + cohort + ".nhs.net,,,,,1\n");
        long sponsor = JSON.readTree(get("/admin/api/people?q=sp@" + cohort).body()).get(0).path("id").asLong();

        HttpResponse<String> refused = send("PUT", "/admin/api/people/" + sponsor + "/stream", "{\"stream\":1}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Only participants");
    }

    @Test
    void someoneNotOnTheProgrammeTeamCannotChangeAStream() throws IOException {
        long id = imported("1");

        HttpResponse<String> refused = call("PUT", "/admin/api/people/" + id + "/stream", entra.token(TestUsers.STRANGER),
                "application/json", "{\"stream\":2}");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(get("/admin/api/people/" + id).body()).path("stream").asInt()).isEqualTo(1);
    }

    @Test
    void rosterExportHasTheStreamColumn() throws IOException {
        String cohort = cohort();
        importCsv(RosterImportTest.STREAM_HEADER + "exp@" + cohort + ".nhs.net,Exp Ort,,8c," + cohort + ",exs@" + cohort + ".nhs.net,,,,,2\n");

        String csv = get("/admin/api/roster/export.csv").body();

        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",stream");
        assertThat(csv.lines().filter(l -> l.startsWith("exp@" + cohort))).singleElement()
                .satisfies(l -> assertThat(l).endsWith(",2"));
    }

    @Test
    void subjectAccessExportHoldsTheStream() throws IOException {
        long id = imported("2");

        JsonNode document = JSON.readTree(get("/admin/api/people/" + id + "/export").body());

        assertThat(document.path("person").path("development_stream").asText()).isEqualTo("TWO");
    }

    private long imported(String stream) throws IOException {
        String cohort = cohort();
        String email = "ds" + UUID.randomUUID().toString().substring(0, 6) + "@" + cohort + ".nhs.net";
        importCsv(RosterImportTest.STREAM_HEADER + email + ",Dev Stream,,," + cohort + ",dss@" + cohort + ".nhs.net,,,,," + stream + "\n");
        return JSON.readTree(get("/admin/api/people?q=" + email).body()).get(0).path("id").asLong();
    }

    private void importCsv(String csv) {
        HttpResponse<String> response = call("POST", "/admin/api/roster/import?mode=commit", entra.token(TestUsers.PAT), "text/csv", csv);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"committed\":true");
    }

    private String cohort() {
        String name = "ds" + UUID.randomUUID().toString().substring(0, 8);
        send("POST", "/admin/api/cohorts", "{\"name\":\"" + name + "\",\"startsOn\":\"2026-04-01\",\"endsOn\":\"2028-03-31\"}");
        return name;
    }
}
