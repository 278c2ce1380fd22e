package uk.nhs.hps.faq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.admin.AdminApiTestBase;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.util.List;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The programme team edits the FAQ over the admin API; changes answer questions at once. */
@MicronautTest(transactional = false)
class FaqAdminApiTest extends AdminApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void newEntryAnswersMatchingQuestionsWithoutRestart() throws IOException {
        HttpResponse<String> saved = send("PUT", "/admin/api/faq/entries/parking-at-workshops", """
                {"category":"Participant Offer","question":"Is there parking at the workshop venues?",
                 "alternatives":["can i park at the workshop","car parking for workshops"],
                 "answer":"Most venues have paid parking nearby; details come with each joining pack."}""");

        send(Activities.message("can I park my car at the workshops?").from(TestUsers.SAM));

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(connector.messages()).last().extracting(c -> c.card().toString()).asString()
                .contains("Most venues have paid parking nearby");
    }

    @jakarta.inject.Inject
    uk.nhs.hps.audit.AuditLog audit;

    @Test
    void editingAShippedEntrysTextIsAuditedKeepsItsTopicsAndIsAnsweredAtOnce() throws IOException {
        JsonNode shipped = JSON.readTree(get("/admin/api/faq/entries/launch-event").body());
        com.fasterxml.jackson.databind.node.ObjectNode edit = ((com.fasterxml.jackson.databind.node.ObjectNode) shipped.deepCopy())
                .put("answer", "The launch event is on 3 March 2027 in Stoke-on-Trent.");
        edit.remove(List.of("id", "updatedAt", "topics"));

        HttpResponse<String> saved = send("PUT", "/admin/api/faq/entries/launch-event", edit.toString());
        send(Activities.message("when is the launch event?").from(TestUsers.SAM));

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(saved.body()).path("topics").toString()).isEqualTo("[\"launch-event\"]");
        assertThat(connector.messages()).last().extracting(c -> c.card().toString()).asString()
                .contains("3 March 2027 in Stoke-on-Trent");
        assertThat(audit.latestFirst(20)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("FAQ_EDIT");
            assertThat(e.detail()).isEqualTo("edited FAQ entry launch-event (answer text changed)");
        });
    }

    @Test
    void disabledEntryIsNoLongerGivenAsAnAnswer() throws IOException {
        send("PUT", "/admin/api/faq/entries/staff-canteen", """
                {"question":"Is lunch provided at the staff canteen on workshop days?",
                 "answer":"Yes, lunch at the staff canteen is provided on workshop days."}""");

        JsonNode disabled = JSON.readTree(send("POST", "/admin/api/faq/entries/staff-canteen/disable", null).body());
        JsonNode explained = JSON.readTree(get("/admin/api/faq/explain?q=is%20lunch%20provided%20at%20the%20staff%20canteen").body());

        assertThat(disabled.path("enabled").asBoolean()).isFalse();
        assertThat(explained.path("topEntries").toString()).doesNotContain("staff-canteen");
    }

    @Test
    void explainShowsWhyAQuestionMatched() throws IOException {
        JsonNode explained = JSON.readTree(get("/admin/api/faq/explain?q=how%20long%20is%20hps").body());

        assertThat(explained.path("outcome").asText()).isEqualTo("ANSWER");
        assertThat(explained.path("explanation").asText()).isNotBlank();
        assertThat(explained.path("topEntries").get(0).asText()).isEqualTo("programme-length");
    }

    @Test
    void unansweredQuestionsAppearAsGapsWithCounts() throws IOException {
        send(Activities.message("can i bring my dog to the residential").from(TestUsers.ALICE));
        send(Activities.message("can i bring my dog to the residential").from(TestUsers.SAM));

        JsonNode gaps = JSON.readTree(get("/admin/api/faq/gaps").body());

        assertThat(gaps.toString()).contains("dog");
        assertThat(gaps.get(0).path("times").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void badEntriesAndUnknownIdsGetClearErrors() {
        assertThat(send("PUT", "/admin/api/faq/entries/Bad_Id%21", "{\"question\":\"q\",\"answer\":\"a\"}").statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/admin/api/faq/entries/no-answer", "{\"question\":\"A question\",\"answer\":\" \"}").body())
                .contains("needs an answer");
        assertThat(send("POST", "/admin/api/faq/entries/does-not-exist/disable", null).statusCode()).isEqualTo(404);
    }

    @Test
    void faqAdminNeedsAProgrammeTeamToken() {
        assertThat(call("GET", "/admin/api/faq/entries", entra.token(TestUsers.ALICE), null, null).statusCode())
                .isIn(401, 403);
        assertThat(call("GET", "/admin/api/faq/entries", null, null, null).statusCode()).isEqualTo(401);
    }
}
