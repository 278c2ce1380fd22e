package uk.nhs.hps.talent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.admin.AdminApiTestBase;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The talent conversation's data as the programme team reads it, over HTTP with Entra tokens from the fake issuer. */
@MicronautTest(transactional = false)
class TalentSchemeApiTest extends AdminApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TalentIndicators indicators;
    @Inject
    TalentGrids grids;
    @Inject
    TalentReviewRepository reviews;
    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;

    @Test
    void theIndicatorsAreThoseOfTheYamlWithTheirAreasAndLevels() throws IOException {
        HttpResponse<String> response = get("/admin/api/scheme/indicators");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        List<String> names = new ArrayList<>();
        body.path("indicators").forEach(i -> names.add(i.path("name").asText()));
        assertThat(names).containsExactlyElementsOf(indicators.scheme().indicators().stream()
                .map(TalentIndicators.Indicator::name).toList());
        assertThat(body.path("indicators").path(2).path("areas")).hasSize(indicators.scheme().indicators().get(2).areas().size());
        assertThat(body.path("purpose").asText()).isEqualTo(indicators.scheme().purpose());
        assertThat(body.path("defaultLevel").path("reason").asText()).isEqualTo(indicators.scheme().defaultLevel().reason());
        assertThat(body.path("values")).hasSize(indicators.scheme().values().size());
    }

    @Test
    void theGridIsTheCurrentVersionWithItsSourceBoxesAndReadiness() throws IOException {
        JsonNode body = JSON.readTree(get("/admin/api/scheme/grid").body());

        TalentGrid current = grids.current();
        assertThat(body.path("version").asText()).isEqualTo(current.version());
        assertThat(body.path("source").asText()).isEqualTo(current.source());
        assertThat(body.path("boxes")).hasSize(9);
        assertThat(body.path("boxes").path(2).path("key").asText()).isEqualTo("HIGH_HIGH");
        assertThat(body.path("boxes").path(2).path("readiness").asText()).isEqualTo(current.readinessFor("HIGH_HIGH"));
        assertThat(body.path("performanceAnchor").asText()).contains("Healthcare Leadership Model");
    }

    @Test
    void replacingALabelMakesANewAuditedVersionAndEarlierReviewsKeepTheirs() throws IOException {
        TalentGrid before = grids.current();
        long participant = participant("Gil Before");
        TalentReview started = reviews.save(TalentReview.start(participant, null, "2026-27", before.version(), before.source(),
                Instant.now()));

        HttpResponse<String> response = send("PUT", "/admin/api/scheme/grid", """
                {"source": "Trust talent board 9-box", "reason": "Board's own wording",
                 "boxes": {"HIGH_MEDIUM": {"label": "Emerging talent", "description": "Our board's words."}}}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        String version = body.path("version").asText();
        assertThat(version).isNotEqualTo(before.version());
        assertThat(body.path("source").asText()).isEqualTo("Trust talent board 9-box");
        assertThat(grids.current().boxLabel("HIGH_MEDIUM")).isEqualTo("Emerging talent");
        assertThat(grids.of(reviews.findById(started.id()).orElseThrow().gridVersion()).boxLabel("HIGH_MEDIUM"))
                .isEqualTo(before.boxLabel("HIGH_MEDIUM"));
        assertThat(auditDetails(TalentGrids.CHANGED)).anyMatch(d -> d.contains(version) && d.contains("Board's own wording"));
        JsonNode versions = JSON.readTree(get("/admin/api/scheme/grid/versions").body());
        assertThat(versions.toString()).contains(version, before.version());
        assertThat(JSON.readTree(get("/admin/api/scheme/grid/versions/" + before.version()).body()).path("boxes").toString())
                .contains(before.boxLabel("HIGH_MEDIUM"));
    }

    @Test
    void aChangeNamingNoBoxOrWithoutAReasonIsRefusedAndSavesNothing() {
        String before = grids.current().version();

        HttpResponse<String> noBox = send("PUT", "/admin/api/scheme/grid",
                "{\"reason\": \"r\", \"boxes\": {\"TOP_RIGHT\": {\"label\": \"x\"}}}");
        HttpResponse<String> noReason = send("PUT", "/admin/api/scheme/grid",
                "{\"boxes\": {\"HIGH_HIGH\": {\"label\": \"x\"}}}");

        assertThat(noBox.statusCode()).isEqualTo(400);
        assertThat(noBox.body()).contains("no box TOP_RIGHT");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(grids.current().version()).isEqualTo(before);
    }

    @Test
    void onlyTheProgrammeTeamMayReadTheScheme() {
        String n = UUID.randomUUID().toString();
        TestUsers.User sponsor = new TestUsers.User("29:" + n, "aad-" + n, "Sid Sponsor", "sid-" + n + "@nhs.net");
        Instant now = Instant.now();
        people.save(new Person(null, sponsor.email(), sponsor.name(), Role.SPONSOR, PersonStatus.ACTIVE, "Europe/London",
                sponsor.aadObjectId(), null, null, null, null, null, null, null, now, now));

        assertThat(call("GET", "/admin/api/scheme/indicators", entra.token(sponsor), null, null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/admin/api/scheme/indicators", null, null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/admin/api/scheme/grid", entra.token(sponsor), null, null).statusCode()).isEqualTo(403);
        String before = grids.current().version();
        assertThat(call("PUT", "/admin/api/scheme/grid", entra.token(sponsor), "application/json",
                "{\"reason\": \"r\", \"boxes\": {\"HIGH_HIGH\": {\"label\": \"Mine\"}}}").statusCode()).isEqualTo(403);
        assertThat(grids.current().version()).isEqualTo(before);
    }

    private long participant(String name) {
        String n = UUID.randomUUID().toString();
        Instant now = Instant.now();
        return people.save(new Person(null, "p-" + n + "@nhs.net", name, Role.PARTICIPANT, PersonStatus.ACTIVE, "Europe/London",
                "aad-" + n, null, null, null, null, null, null, null, now, now)).id();
    }

    private List<String> auditDetails(String action) {
        return transactions.executeRead(status -> {
            List<String> rows = new ArrayList<>();
            try (java.sql.PreparedStatement q = status.getConnection().prepareStatement(
                    "SELECT detail FROM audit_event WHERE action = ? ORDER BY id")) {
                q.setString(1, action);
                try (java.sql.ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return rows;
        });
    }
}
