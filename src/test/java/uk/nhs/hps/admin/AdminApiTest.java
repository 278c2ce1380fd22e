package uk.nhs.hps.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API's endpoints, as the programme team uses them. */
@MicronautTest(transactional = false)
class AdminApiTest extends AdminApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "email,name,organisation,band,cohort,sponsor_email,sponsor_name,coach_email,coach_name,time_zone\n";

    @Test
    void cohortsCanBeCreatedReadUpdatedAndDeleted() throws IOException {
        HttpResponse<String> created = send("POST", "/admin/api/cohorts",
                "{\"name\":\"Cohort Crud\",\"startsOn\":\"2026-04-01\",\"endsOn\":\"2028-03-31\",\"reflectivePromptDays\":7}");
        assertThat(created.statusCode()).isEqualTo(201);
        long id = JSON.readTree(created.body()).path("id").asLong();

        HttpResponse<String> updated = send("PUT", "/admin/api/cohorts/" + id,
                "{\"name\":\"Cohort Crud 2\",\"startsOn\":\"2026-04-01\",\"endsOn\":\"2028-03-31\",\"timeZone\":\"Europe/Belfast\"}");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(get("/admin/api/cohorts/" + id).body()).path("timeZone").asText()).isEqualTo("Europe/Belfast");

        assertThat(send("DELETE", "/admin/api/cohorts/" + id, null).statusCode()).isEqualTo(204);
        assertThat(get("/admin/api/cohorts/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void invalidCohortIsRefusedWithAClearError() {
        HttpResponse<String> response = send("POST", "/admin/api/cohorts",
                "{\"name\":\"Backwards\",\"startsOn\":\"2026-04-01\",\"endsOn\":\"2025-03-31\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("end date on or after");
    }

    @Test
    void unknownIdsAreNotFound() {
        assertThat(get("/admin/api/people/999999").statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/admin/api/people/999999/status", "{\"status\":\"PAUSED\",\"reason\":\"leave\"}").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/admin/api/people/999999/erasure", "{\"reason\":\"request\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void rosterImportDryRunThenCommitThroughTheApi() throws IOException {
        String cohort = cohort();
        String csv = HEADER + "api.one@" + cohort + ".nhs.net,Api One,,," + cohort + ",api.sponsor@" + cohort + ".nhs.net,,,,\n";

        JsonNode dry = JSON.readTree(call("POST", "/admin/api/roster/import", entra.token(TestUsers.PAT), "text/csv", csv).body());
        JsonNode committed = JSON.readTree(call("POST", "/admin/api/roster/import?mode=commit", entra.token(TestUsers.PAT), "text/csv", csv).body());

        assertThat(dry.path("committed").asBoolean()).isFalse();
        assertThat(dry.path("created").asInt()).isEqualTo(1);
        assertThat(committed.path("committed").asBoolean()).isTrue();
        JsonNode found = JSON.readTree(get("/admin/api/people?q=api.one").body());
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("displayName").asText()).isEqualTo("Api One");
    }

    @Test
    void malformedRosterIsABadRequestWithTheReason() {
        HttpResponse<String> response = call("POST", "/admin/api/roster/import?mode=commit", entra.token(TestUsers.PAT),
                "text/csv", "just,some,words\n");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("missing the column");
    }

    @Test
    void statusChangeAndSponsorChangeAreRecorded() throws IOException {
        String cohort = cohort();
        call("POST", "/admin/api/roster/import?mode=commit", entra.token(TestUsers.PAT), "text/csv",
                HEADER + "st.one@" + cohort + ".nhs.net,St One,,," + cohort + ",st.sponsor@" + cohort + ".nhs.net,,,,\n"
                        + "st.two@" + cohort + ".nhs.net,St Two,,," + cohort + ",st.other@" + cohort + ".nhs.net,,,,\n");
        long one = JSON.readTree(get("/admin/api/people?q=st.one@").body()).get(0).path("id").asLong();
        long other = JSON.readTree(get("/admin/api/people?q=st.other@").body()).get(0).path("id").asLong();

        HttpResponse<String> paused = send("PUT", "/admin/api/people/" + one + "/status",
                "{\"status\":\"PAUSED\",\"reason\":\"maternity leave\",\"since\":\"2026-12-01\",\"until\":\"2027-09-01\"}");
        HttpResponse<String> sponsor = send("POST", "/admin/api/people/" + one + "/sponsorships", "{\"sponsorId\":" + other + "}");

        assertThat(JSON.readTree(paused.body()).path("status").asText()).isEqualTo("PAUSED");
        assertThat(sponsor.statusCode()).isEqualTo(201);
        JsonNode history = JSON.readTree(get("/admin/api/people/" + one + "/sponsorships").body());
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("endsOn").isNull()).isFalse();
        assertThat(history.get(1).path("sponsorId").asLong()).isEqualTo(other);
    }

    @Test
    void rosterExportNeutralisesFormulas() {
        String cohort = cohort();
        call("POST", "/admin/api/roster/import?mode=commit", entra.token(TestUsers.PAT), "text/csv",
                HEADER + "fx@" + cohort + ".nhs.net,\"=HYPERLINK(\"\"http://x\"\")\",,," + cohort + ",fx.s@" + cohort + ".nhs.net,,,,\n");

        String csv = get("/admin/api/roster/export.csv").body();

        assertThat(csv).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");
    }

    @Test
    void rosterExportNeutralisesFormulasAfterASeparator() {
        String cohort = cohort();
        call("POST", "/admin/api/roster/import?mode=commit", entra.token(TestUsers.PAT), "text/csv",
                HEADER + "fx2@" + cohort + ".nhs.net,\";=1+1\",\",=2+2\",," + cohort + ",fx2.s@" + cohort + ".nhs.net,,,,\n");

        String csv = get("/admin/api/roster/export.csv").body();

        assertThat(csv).contains("';=1+1", "',=2+2").doesNotContain(",;=1+1", ",\";=1+1", "\",=2+2");
    }

    @Test
    void programmeTeamCanBeListedAndTheLastMemberIsKept() throws IOException {
        JsonNode members = JSON.readTree(get("/admin/api/programme-team").body());

        assertThat(members).extracting(m -> m.path("email").asText()).contains(TestUsers.PAT.email());
        if (members.size() == 1) {
            assertThat(send("DELETE", "/admin/api/programme-team/" + patId, null).statusCode()).isEqualTo(409);
        }
    }

    @Test
    void subjectAccessExportHoldsTheirRecordsAndIsAudited() throws IOException {
        String cohort = cohort();
        call("POST", "/admin/api/roster/import?mode=commit", entra.token(TestUsers.PAT), "text/csv",
                HEADER + "sar@" + cohort + ".nhs.net,Sar Subject,,," + cohort + ",sar.s@" + cohort + ".nhs.net,,,,\n");
        long id = JSON.readTree(get("/admin/api/people?q=sar@").body()).get(0).path("id").asLong();

        HttpResponse<String> export = call("GET", "/admin/api/people/" + id + "/export", entra.token(TestUsers.PAT), null, null);

        JsonNode document = JSON.readTree(export.body());
        assertThat(document.path("person").path("email").asText()).isEqualTo("sar@" + cohort + ".nhs.net");
        assertThat(document.path("records").path("sponsorship")).hasSize(1);
        JsonNode audit = JSON.readTree(get("/admin/api/audit?subject=" + id).body());
        assertThat(audit).extracting(e -> e.path("action").asText()).contains("SUBJECT_ACCESS_EXPORT");
        assertThat(audit.toString()).doesNotContain("sar@");
    }

    private String cohort() {
        String name = "api" + UUID.randomUUID().toString().substring(0, 8);
        send("POST", "/admin/api/cohorts", "{\"name\":\"" + name + "\",\"startsOn\":\"2026-04-01\",\"endsOn\":\"2028-03-31\"}");
        return name;
    }
}
