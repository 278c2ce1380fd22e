package uk.nhs.hps.broadcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.admin.AdminApiTestBase;
import uk.nhs.hps.cohort.ManagingCohorts;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;
import uk.nhs.hps.people.TeamsIdentity;
import uk.nhs.hps.people.TeamsIdentityRepository;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.TestClock;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Cohort announcements, in the chat and through the admin API, delivered through the fake connector. */
@MicronautTest(transactional = false)
class BroadcastTest extends AdminApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestClock clock;
    @Inject
    ManagingCohorts cohorts;
    @Inject
    SponsorshipRepository sponsorships;
    @Inject
    TeamsIdentityRepository identities;

    private Cohort cohort;
    private List<Person> members;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(super.extraProperties());
        p.put("hps.test.clock", "manual");
        return p;
    }

    @BeforeEach
    void cohortWithTwoParticipantsAndASponsor() {
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        String name = "Cohort " + UUID.randomUUID().toString().substring(0, 6);
        cohort = cohorts.create(new ManagingCohorts.CohortDetails(name, LocalDate.of(2026, 4, 1), LocalDate.of(2028, 3, 31), null, null));
        Person sponsor = reachable("sponsor", Role.SPONSOR, null);
        Person first = reachable("first", Role.PARTICIPANT, cohort.id());
        Person second = reachable("second", Role.PARTICIPANT, cohort.id());
        sponsorships.save(new Sponsorship(null, first.id(), sponsor.id(), LocalDate.of(2026, 4, 1), null, clock.instant()));
        members = List.of(first, second, sponsor);
        // PAT talks to the bot first, so previews and replies have a chat to go to
        send(Activities.message("hi").from(TestUsers.PAT));
        connector.reset();
    }

    @Test
    void previewReplacesTheComposeFormWithThePreviewAndSendsTheConfirmation() throws IOException {
        send(Activities.message("announce").from(TestUsers.PAT));
        assertThat(lastCard().toString()).contains("\"type\":\"Action.Execute\",\"verb\":\"announce.preview\"");
        connector.reset();

        HttpResponse<String> invoke = send(Activities.execute("announce.preview",
                compose("Workshop moved", "The March workshop moves to **Leeds**.")).from(TestUsers.PAT));

        assertThat(title(JSON.readTree(invoke.body()).path("value"))).isEqualTo("Workshop moved");
        assertThat(lastCard().toString()).contains("It goes to **3** people");
    }

    @Test
    void programmeTeamComposesPreviewsAndSendsToACohortInTheChat() {
        send(Activities.message("announce").from(TestUsers.PAT));
        assertThat(title(lastCard())).isEqualTo("New announcement");

        send(Activities.cardSubmit(compose("Workshop moved", "The March workshop moves to **Leeds**.")).from(TestUsers.PAT));
        List<FakeBotConnector.Call> preview = connector.messages();
        assertThat(title(preview.get(preview.size() - 2).card())).isEqualTo("Workshop moved");
        JsonNode confirm = preview.get(preview.size() - 1).card();
        assertThat(confirm.toString()).contains("It goes to **3** people");

        connector.reset();
        HttpResponse<String> sent = send(Activities.execute("announce.send", action(confirm, "Send")).from(TestUsers.PAT));
        assertThat(readTree(sent.body()).path("value").toString()).contains("is on its way to 3 people");
        deliverOutbox();

        for (Person member : members) {
            List<FakeBotConnector.Call> received = connector.messagesTo(chatOf(member));
            assertThat(received).hasSize(1);
            assertThat(received.get(0).card().toString()).contains("Workshop moved", "moves to **Leeds**");
        }
    }

    @Test
    void someoneOutsideTheProgrammeTeamCannotAnnounce() {
        send(Activities.message("announce").from(TestUsers.ALICE));

        assertThat(connector.messages()).last().extracting(FakeBotConnector.Call::text).asString()
                .startsWith("Only the programme team can send announcements");
    }

    @Test
    void emptyBodyInTheChatReturnsTheComposeCardNamingTheProblem() {
        send(Activities.cardSubmit(compose("No body", "  ")).from(TestUsers.PAT));

        JsonNode card = lastCard();
        assertThat(title(card)).isEqualTo("New announcement");
        assertThat(card.toString()).contains("needs some text in its body");
        assertThat(card.toString()).contains("No body");
    }

    @Test
    void oversizedEmptyAudiencePastAndNonexistentTimesAreRefusedWithNothingSent() throws IOException {
        assertThat(compose(Map.of("body", "x".repeat(100 * 1024))).body()).contains("under 80 KB");
        long nobody = draftId(Map.of("audience", Map.of("kind", "EMAILS", "emails", List.of("nobody@nowhere.nhs.net"))));
        assertThat(send("POST", "/admin/api/announcements/" + nobody + "/send", "{}").body()).contains("Nobody is in this audience");
        long id = draftId(Map.of());
        HttpResponse<String> past = send("POST", "/admin/api/announcements/" + id + "/send", "{\"sendAt\":\"2026-11-30T09:00\"}");
        HttpResponse<String> gap = send("POST", "/admin/api/announcements/" + id + "/send", "{\"sendAt\":\"2027-03-28T01:30\"}");

        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(past.body()).contains("is in the past");
        assertThat(gap.statusCode()).isEqualTo(400);
        assertThat(gap.body()).contains("does not exist in Europe/London");
        deliverOutbox();
        assertThat(connector.delivered()).isEmpty();
    }

    @Test
    void scheduledAnnouncementGoesAtItsLocalTimeAndSaysWhenInTheConfirmation() throws IOException {
        long id = draftId(Map.of());

        JsonNode scheduled = JSON.readTree(send("POST", "/admin/api/announcements/" + id + "/send",
                "{\"sendAt\":\"2027-06-02T09:00\"}").body());
        deliverOutbox();
        int beforeTime = connector.delivered().size();
        clock.set(Instant.parse("2027-06-02T08:00:00Z"));
        deliverOutbox();

        assertThat(scheduled.path("when").asText()).isEqualTo("Wed 2 Jun 2027 09:00 Europe/London (08:00 UTC)");
        assertThat(beforeTime).isZero();
        assertThat(connector.delivered()).hasSize(3);
    }

    @Test
    void acknowledgingRefreshesThatPersonsCardAndIsCounted() throws IOException {
        long id = draftId(Map.of("askAcknowledgement", true));
        send("POST", "/admin/api/announcements/" + id + "/send", "{}");
        deliverOutbox();
        Person first = members.get(0);
        TestUsers.User firstUser = userOf(first);

        HttpResponse<String> invoke = send(Activities.execute("announcement.ack",
                JSON.createObjectNode().put("action", "announcement.ack").put("announcementId", String.valueOf(id))).from(firstUser));
        HttpResponse<String> stranger = send(Activities.execute("announcement.ack",
                JSON.createObjectNode().put("action", "announcement.ack").put("announcementId", String.valueOf(id))).from(TestUsers.STRANGER));

        assertThat(JSON.readTree(invoke.body()).path("value").toString()).contains("Acknowledged ✓").doesNotContain("\"Acknowledge\"");
        assertThat(JSON.readTree(stranger.body()).path("value").asText()).contains("can't be acknowledged");
        assertThat(JSON.readTree(get("/admin/api/announcements/" + id + "/status").body()).path("acknowledged").asInt()).isEqualTo(1);
    }

    @Test
    void theProgrammeTeamSeesTheLatestDeliveryInTheChat() throws IOException {
        people.save(new Person(null, "uninstalled-" + UUID.randomUUID() + "@nhs.net", "Una Uninstalled",
                Role.PARTICIPANT, PersonStatus.ACTIVE, "Europe/London", null, null, null, cohort.id(), null, null, null, null,
                clock.instant(), clock.instant()));
        long id = draftId(Map.of("title", "Delivery check"));
        send("POST", "/admin/api/announcements/" + id + "/send", "{}");
        deliverOutbox();
        connector.reset();

        send(Activities.message("announcements").from(TestUsers.PAT));

        assertThat(connector.messages().get(0).text()).contains("**Delivery check** (")
                .containsPattern("Delivery check\\*\\* \\([a-z]+\\): 3 of 4 delivered, 1 failed \\([^)]*has not installed HPS Companion");
    }

    @Test
    void announcementDeliveryIsNotShownToAParticipant() {
        TestUsers.User member = userOf(members.get(0));
        send(Activities.message("hi").from(member));
        connector.reset();

        send(Activities.message("announcements").from(member));

        assertThat(connector.messages().get(0).text()).contains("Only the programme team").doesNotContain("delivered");
    }

    @Test
    void statusGroupsFailuresByReasonAndCsvNeutralisesFormulas() throws IOException {
        Person trap = people.save(new Person(null, "formula-" + UUID.randomUUID() + "@nhs.net", "=HYPERLINK(\"http://x\")",
                Role.PARTICIPANT, PersonStatus.ACTIVE, "Europe/London", null, null, null, cohort.id(), null, null, null, null,
                clock.instant(), clock.instant()));
        long id = draftId(Map.of());
        send("POST", "/admin/api/announcements/" + id + "/send", "{}");
        deliverOutbox();

        JsonNode status = JSON.readTree(get("/admin/api/announcements/" + id + "/status").body());
        String csv = get("/admin/api/announcements/" + id + "/recipients.csv").body();

        assertThat(status.path("total").asInt()).isEqualTo(4);
        assertThat(status.path("sent").asInt()).isEqualTo(3);
        assertThat(status.path("failed").asInt()).isEqualTo(1);
        assertThat(status.path("failedByReason").toString()).contains("has not installed HPS Companion");
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://x\"\")\"").contains(trap.email());
    }

    @Test
    void cancelStopsCopiesNotYetSent() throws IOException {
        long id = draftId(Map.of());
        send("POST", "/admin/api/announcements/" + id + "/send", "{\"sendAt\":\"2027-01-05T09:00\"}");

        JsonNode cancelled = JSON.readTree(send("POST", "/admin/api/announcements/" + id + "/cancel", null).body());
        clock.set(Instant.parse("2027-01-06T09:00:00Z"));
        deliverOutbox();

        assertThat(cancelled.path("cancelled").asInt()).isEqualTo(3);
        assertThat(connector.delivered()).isEmpty();
    }

    @Test
    void resendQueuesFreshCopiesOnlyForThoseThatFailed() throws IOException {
        long id = draftId(Map.of());
        connector.script(FakeBotConnector.Scripted.status(404));
        send("POST", "/admin/api/announcements/" + id + "/send", "{}");
        deliverOutbox();

        JsonNode resent = JSON.readTree(send("POST", "/admin/api/announcements/" + id + "/resend-failed", null).body());
        deliverOutbox();

        assertThat(resent.path("requeued").asInt()).isEqualTo(1);
        JsonNode status = JSON.readTree(get("/admin/api/announcements/" + id + "/status").body());
        assertThat(status.path("sent").asInt()).isEqualTo(3);
        assertThat(status.path("failed").asInt()).isZero();
        assertThat(connector.delivered()).hasSize(3);
    }

    @Test
    void editingUpdatesDeliveredCopiesInPlaceAndDeletingRemovesThem() throws IOException {
        long id = draftId(Map.of());
        send("POST", "/admin/api/announcements/" + id + "/send", "{}");
        deliverOutbox();

        JsonNode edited = JSON.readTree(send("PUT", "/admin/api/announcements/" + id,
                JSON.writeValueAsString(request(Map.of("body", "Corrected: the workshop is in York.")))).body());
        List<FakeBotConnector.Call> updates = connector.calls().stream().filter(c -> c.method().equals("PUT")).toList();
        JsonNode deleted = JSON.readTree(send("DELETE", "/admin/api/announcements/" + id, null).body());
        long deletes = connector.calls().stream().filter(c -> c.method().equals("DELETE")).count();

        assertThat(edited.path("changedInChats").asInt()).isEqualTo(3);
        assertThat(updates).hasSize(3).allMatch(c -> c.body().toString().contains("Corrected: the workshop is in York."));
        assertThat(deleted.path("changedInChats").asInt()).isEqualTo(3);
        assertThat(deletes).isEqualTo(3);
    }

    // --- fixtures -----------------------------------------------------------------------------------

    private Person reachable(String label, Role role, Long cohortId) {
        String key = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        Person person = people.save(new Person(null, key + "@nhs.net", "Test " + label, role, PersonStatus.ACTIVE,
                "Europe/London", "aad-" + key, null, null, cohortId, null, null, null, null, clock.instant(), clock.instant()));
        identities.save(new TeamsIdentity(null, "29:" + key, "aad-" + key, TestUsers.TENANT, "Test " + label,
                person.email(), person.id(), connector.serviceUrl(), "a:chat-" + key, "{}", clock.instant(), clock.instant()));
        return person;
    }

    private static String chatOf(Person person) {
        return "a:chat-" + person.email().substring(0, person.email().indexOf('@'));
    }

    private static TestUsers.User userOf(Person person) {
        String key = person.email().substring(0, person.email().indexOf('@'));
        return new TestUsers.User("29:" + key, "aad-" + key, person.displayName(), person.email());
    }

    private ObjectNode compose(String title, String body) {
        ObjectNode data = JSON.createObjectNode();
        data.put("action", "announce.preview");
        data.put("title", title);
        data.put("body", body);
        data.put("audience", "COHORTS");
        data.put("cohortIds", String.valueOf(cohort.id()));
        data.put("askAcknowledgement", "false");
        return data;
    }

    private Map<String, Object> request(Map<String, Object> overrides) {
        Map<String, Object> request = new HashMap<>();
        request.put("title", "Cohort news");
        request.put("body", "The next workshop is on 3 March.");
        request.put("askAcknowledgement", false);
        request.put("audience", Map.of("kind", "COHORTS", "cohortIds", List.of(cohort.id())));
        request.putAll(overrides);
        return request;
    }

    private HttpResponse<String> compose(Map<String, Object> overrides) throws IOException {
        return send("POST", "/admin/api/announcements", JSON.writeValueAsString(request(overrides)));
    }

    private long draftId(Map<String, Object> overrides) throws IOException {
        HttpResponse<String> created = compose(overrides);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asLong();
    }

    private JsonNode lastCard() {
        return connector.messages().stream().map(FakeBotConnector.Call::card).filter(c -> c != null && !c.isMissingNode())
                .reduce((a, b) -> b).orElseThrow();
    }

    private static String title(JsonNode card) {
        return card.path("body").get(0).path("text").asText();
    }

    private static ObjectNode action(JsonNode card, String title) {
        for (JsonNode a : card.path("actions")) {
            if (a.path("title").asText().equals(title)) {
                return (ObjectNode) a.path("data").deepCopy();
            }
        }
        throw new AssertionError("No action " + title + " on " + card);
    }

    @Test
    void sendingReplacesTheConfirmationCardWithItsOutcomeSoItCannotBePressedAgain() {
        send(Activities.cardSubmit(compose("Workshop moved", "The March workshop moves to Leeds.")).from(TestUsers.PAT));
        JsonNode confirm = lastCard();
        assertThat(confirm.toString()).contains("\"verb\":\"announce.send\"");

        HttpResponse<String> sent = send(Activities.execute("announce.send", action(confirm, "Send")).from(TestUsers.PAT));

        JsonNode shown = readTree(sent.body()).path("value");
        assertThat(shown.path("body").get(0).path("text").asText()).isEqualTo("Sent");
        // the bot's own wording: the "#" of the announcement number is not escaped as someone's typed text would be
        assertThat(shown.path("body").get(1).path("text").asText()).startsWith("Announcement #");
        assertThat(shown.path("actions").size()).isZero();
    }

    @Test
    void discardingReplacesTheConfirmationCardWithItsOutcome() {
        send(Activities.cardSubmit(compose("Workshop moved", "The March workshop moves to Leeds.")).from(TestUsers.PAT));
        JsonNode confirm = lastCard();

        HttpResponse<String> discarded = send(Activities.execute("announce.discard", action(confirm, "Discard")).from(TestUsers.PAT));

        assertThat(readTree(discarded.body()).path("value").toString()).contains("Discarded. Nothing was sent.");
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
