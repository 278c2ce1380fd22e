package uk.nhs.hps.cohort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.admin.AdminApiTestBase;
import uk.nhs.hps.support.CohortSeed;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /admin/api/cohorts/{id}/engagement over HTTP with Entra tokens: the cohort's engagement by development stream
 * (H2 here, PostgreSQL in the subclass). The seeded cohort's participants are given stream 1, 2 or none in turn.
 */
@MicronautTest(transactional = false)
class EngagementByStreamApiTest extends AdminApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TransactionOperations<Connection> db;

    private CohortSeed.Seeded seeded;

    @BeforeAll
    void seed() {
        seeded = CohortSeed.seed(db, Instant.now(), 30, 8, "bystream");
        // participant i: stream 1 when i % 3 == 0, stream 2 when 1, none when 2 (CohortSeed: those never answer a prompt)
        db.executeWrite(status -> {
            List<Long> ids = participants(status.getConnection());
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "UPDATE person SET development_stream = ? WHERE id = ?")) {
                for (int i = 0; i < ids.size(); i++) {
                    s.setString(1, i % 3 == 0 ? "ONE" : i % 3 == 1 ? "TWO" : null);
                    s.setLong(2, ids.get(i));
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    @Test
    void thereIsOneRowForEachStreamAndForNoStreamInThatOrder() throws IOException {
        JsonNode streams = report().path("streams");

        assertThat(streams).extracting(s -> s.path("stream").asText()).containsExactly("1", "2", "none");
        assertThat(streams).extracting(s -> s.path("participants").asInt()).containsExactly(10, 10, 10);
    }

    @Test
    void eachStreamsFiguresAddUpToTheCohortsWhole() throws IOException {
        JsonNode streams = report().path("streams");

        assertThat(sum(streams, "meetingsHeld")).isEqualTo(seeded.met());
        assertThat(sum(streams, "meetingsBooked")).isEqualTo(seeded.booked());
        assertThat(sum(streams, "meetingsMissed")).isEqualTo(seeded.missed());
        assertThat(sum(streams, "reflections")).isEqualTo(seeded.reflections());
        assertThat(sum(streams, "promptsSent")).isEqualTo(seeded.promptsSent());
        assertThat(sum(streams, "promptsAnswered")).isEqualTo(seeded.promptsAnswered());
    }

    @Test
    void theFiguresFollowTheRecordedStreamOfEachParticipant() throws IOException {
        JsonNode none = report().path("streams").get(2);

        // the participants with no stream are those the seed has never answer a prompt
        assertThat(none.path("promptsSent").asInt()).isPositive();
        assertThat(none.path("promptsAnswered").asInt()).isZero();
        assertThat(report().path("streams").get(0).path("promptsAnswered").asInt()).isPositive();
    }

    @Test
    void anUnknownCohortIsNotFound() {
        assertThat(get("/admin/api/cohorts/987654/engagement").statusCode()).isEqualTo(404);
    }

    @Test
    void someoneNotOnTheProgrammeTeamIsRefused() {
        String path = "/admin/api/cohorts/" + seeded.cohortId() + "/engagement";

        assertThat(call("GET", path, entra.token(TestUsers.STRANGER), null, null).statusCode()).isEqualTo(403);
        assertThat(call("GET", path, null, null, null).statusCode()).isEqualTo(401);
    }

    private JsonNode report() throws IOException {
        HttpResponse<String> response = get("/admin/api/cohorts/" + seeded.cohortId() + "/engagement");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static int sum(JsonNode streams, String field) {
        int total = 0;
        for (JsonNode s : streams) {
            total += s.path(field).asInt();
        }
        return total;
    }

    private List<Long> participants(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id FROM person WHERE cohort_id = ? AND role = 'PARTICIPANT' ORDER BY id")) {
            s.setLong(1, seeded.cohortId());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }
}
