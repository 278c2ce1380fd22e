package uk.nhs.hps.delivery;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.FakeGraph;
import uk.nhs.hps.support.RecordsTestBase;
import uk.nhs.hps.support.TestUsers;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone on the roster who never opened the app: the outbox installs it for them through (a local fake) Microsoft
 * Graph, opens the 1:1 chat and delivers; when Graph refuses, the programme team hears once who is unreachable.
 */
@MicronautTest(transactional = false)
class AppInstallTest extends RecordsTestBase {

    static final String CATALOG_ID = "c0ffee00-0000-4000-8000-0000000000aa";

    final FakeGraph graph = new FakeGraph();
    TestUsers.User team;

    @Inject
    Outbox outbox;

    @Override
    protected Map<String, String> extraProperties() {
        return new HashMap<>(graph.properties(CATALOG_ID));
    }

    @BeforeEach
    void aProgrammeTeamMember() {
        graph.reset();
        if (team == null) {
            team = newUser("Team Member");
            onRoster(team, Role.PROGRAMME_TEAM, null);
        }
    }

    @AfterAll
    void stopGraph() {
        graph.close();
    }

    /** On the roster with an Entra object id, but never wrote to the bot and has no chat with it. */
    long neverOpenedTheApp(TestUsers.User user) {
        Instant now = Instant.now();
        return people.save(new Person(null, user.email(), user.name(), Role.PARTICIPANT, PersonStatus.ACTIVE,
                "Europe/London", user.aadObjectId(), null, null, null, null, null, null, null, now, now)).id();
    }

    @Test
    void theAppIsInstalledThroughGraphThenTheChatIsOpenedAndTheMessageDelivered() {
        TestUsers.User user = newUser("New Person");
        long id = neverOpenedTheApp(user);
        outbox.enqueueIfReachable(Outbox.Request.toPerson("hello-" + id, id, Reply.text("Welcome to the scheme")));

        deliverOutbox();

        assertThat(graph.installs()).singleElement().satisfies(call -> {
            assertThat(call.path()).isEqualTo("/v1.0/users/" + user.aadObjectId() + "/teamwork/installedApps");
            assertThat(call.authorization()).isEqualTo("Bearer " + FakeGraph.TOKEN);
            assertThat(call.json().path("teamsApp@odata.bind").asText())
                    .isEqualTo(graph.baseUrl() + "/appCatalogs/teamsApps/" + CATALOG_ID);
        });
        assertThat(graph.tokenRequests()).allSatisfy(form -> assertThat(form)
                .contains("grant_type=client_credentials").contains("scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"));
        assertThat(connector.calls()).anyMatch(c -> c.method().equals("POST") && c.path().equals("/v3/conversations"));
        assertThat(outbox.find("hello-" + id).orElseThrow().status()).isEqualTo(OutboundStatus.SENT);
    }

    @Test
    void anAppAlreadyInstalledIsNoObstacle() {
        TestUsers.User user = newUser("Has It");
        long id = neverOpenedTheApp(user);
        graph.answer(409);
        outbox.enqueueIfReachable(Outbox.Request.toPerson("hello-" + id, id, Reply.text("Welcome")));

        deliverOutbox();

        assertThat(outbox.find("hello-" + id).orElseThrow().status()).isEqualTo(OutboundStatus.SENT);
    }

    @Test
    void theNextMessageUsesTheChatWithoutInstallingAgain() {
        TestUsers.User user = newUser("Second Message");
        long id = neverOpenedTheApp(user);
        outbox.enqueueIfReachable(Outbox.Request.toPerson("first-" + id, id, Reply.text("One")));
        deliverOutbox();
        graph.reset();

        outbox.enqueueIfReachable(Outbox.Request.toPerson("second-" + id, id, Reply.text("Two")));
        deliverOutbox();

        // other tests' retries may reach Graph meanwhile; none may be for this person
        assertThat(graph.installs()).noneMatch(c -> c.path().contains("/users/" + user.aadObjectId() + "/"));
        assertThat(outbox.find("second-" + id).orElseThrow().status()).isEqualTo(OutboundStatus.SENT);
    }

    @Test
    void aGraphOutageIsRetriedLater() {
        TestUsers.User user = newUser("Outage");
        long id = neverOpenedTheApp(user);
        graph.answer(503);
        outbox.enqueueIfReachable(Outbox.Request.toPerson("hello-" + id, id, Reply.text("Welcome")));

        deliverOutbox();

        OutboundMessage message = outbox.find("hello-" + id).orElseThrow();
        assertThat(message.status()).isEqualTo(OutboundStatus.PENDING);
        assertThat(message.lastError()).contains("HTTP 503");
        assertThat(connector.messagesTo(team.conversationId())).isEmpty();
    }

    @Test
    void aRefusedInstallFailsTheMessageAndTellsTheProgrammeTeamOnce() {
        TestUsers.User user = newUser("Refused Person");
        long id = neverOpenedTheApp(user);
        graph.answer(403, 403);
        outbox.enqueueIfReachable(Outbox.Request.toPerson("one-" + id, id, Reply.text("One")));
        outbox.enqueueIfReachable(Outbox.Request.toPerson("two-" + id, id, Reply.text("Two")));

        deliverOutbox();
        deliverOutbox();

        assertThat(outbox.find("one-" + id).orElseThrow().status()).isEqualTo(OutboundStatus.FAILED);
        assertThat(outbox.find("two-" + id).orElseThrow().lastError()).contains("TeamsAppInstallation.ReadWriteForUser.All");
        List<FakeBotConnector.Call> told = connector.messagesTo(team.conversationId());
        assertThat(told).singleElement().satisfies(c -> assertThat(c.text())
                .contains("I can't reach Refused Person").contains("Microsoft Graph failed")
                .contains("TeamsAppInstallation.ReadWriteForUser.All"));
    }

    @Test
    void someoneWithoutAMicrosoftAccountIsReportedWithTheReason() {
        Instant now = Instant.now();
        long id = people.save(new Person(null, "no.account" + System.nanoTime() + "@records.nhs.net", "No Account",
                Role.PARTICIPANT, PersonStatus.ACTIVE, "Europe/London", null, null, null, null, null, null, null, null,
                now, now)).id();
        outbox.enqueue(Outbox.Request.toPerson("no-account-" + id, id, Reply.text("Hello")));

        deliverOutbox();

        assertThat(outbox.find("no-account-" + id).orElseThrow().status()).isEqualTo(OutboundStatus.FAILED);
        assertThat(connector.messagesTo(team.conversationId())).singleElement()
                .satisfies(c -> assertThat(c.text()).contains("I can't reach No Account").contains("not linked to a Microsoft account"));
    }
}
