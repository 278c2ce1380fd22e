package uk.nhs.hps.delivery;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.TeamsIdentityRepository;
import uk.nhs.hps.support.BotTestBase;
import uk.nhs.hps.support.FakeBotConnector.Scripted;
import uk.nhs.hps.support.TestClock;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every path a proactive message can take, through the real gateway to the fake Bot Connector. */
@MicronautTest(transactional = false)
class DeliveryTest extends BotTestBase {

    @Inject
    Outbox outbox;
    @Inject
    DispatchingOutbox dispatching;
    @Inject
    TestClock clock;
    @Inject
    PersonRepository people;
    @Inject
    TeamsIdentityRepository identities;
    @Inject
    OutboxRepository rows;

    DeliveryFixtures fixtures;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "hps.test.clock", "manual",
                "delivery.dispatcher-enabled", "false",
                "delivery.rate-per-second", "1000",
                "delivery.per-conversation-rate-per-second", "1000",
                "delivery.max-attempts", "3",
                "teams.read-timeout", "400ms",
                "metrics.token", "metrics-token-for-tests");
    }

    @BeforeEach
    void fixtures() {
        fixtures = new DeliveryFixtures(people, identities, connector.serviceUrl());
    }

    @Test
    void pendingMessageIsSentOnceAndItsActivityIdRecorded() {
        Person person = fixtures.reachablePerson();
        outbox.enqueue(Outbox.Request.toPerson("test:sent:" + person.id(), person.id(), Reply.text("Hello there")));

        DispatchingOutbox.PassResult pass = dispatching.dispatchDue();

        assertThat(pass.sent()).isEqualTo(1);
        assertThat(connector.messagesTo(DeliveryFixtures.conversationOf(person))).extracting(c -> c.text())
                .containsExactly("Hello there");
        OutboundMessage row = outbox.find("test:sent:" + person.id()).orElseThrow();
        assertThat(row.status()).isEqualTo(OutboundStatus.SENT);
        assertThat(row.activityId()).startsWith("act-");
        assertThat(row.attempts()).isEqualTo(1);
    }

    @Test
    void enqueueingTheSameKeyTwiceSendsOnce() {
        Person person = fixtures.reachablePerson();
        String key = "test:twice:" + person.id();

        boolean first = outbox.enqueue(Outbox.Request.toPerson(key, person.id(), Reply.text("Only once")));
        boolean second = outbox.enqueue(Outbox.Request.toPerson(key, person.id(), Reply.text("Only once")));
        dispatching.dispatchDue();
        dispatching.dispatchDue();

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(connector.messagesTo(DeliveryFixtures.conversationOf(person))).hasSize(1);
    }

    @Test
    void messageIsNotSentBeforeItsTime() {
        Person person = fixtures.reachablePerson();
        outbox.enqueue(Outbox.Request.toPerson("test:later:" + person.id(), person.id(), Reply.text("Later"))
                .at(clock.instant().plus(Duration.ofHours(1))));

        DispatchingOutbox.PassResult early = dispatching.dispatchDue();
        clock.advance(Duration.ofHours(1));
        DispatchingOutbox.PassResult onTime = dispatching.dispatchDue();

        assertThat(early.claimed()).isZero();
        assertThat(onTime.sent()).isEqualTo(1);
    }

    @Test
    void throttlingPausesTheWholeAppForRetryAfterThenSends() {
        Person person = fixtures.reachablePerson();
        Person other = fixtures.reachablePerson();
        connector.script(Scripted.throttled(30));
        outbox.enqueue(Outbox.Request.toPerson("test:429:" + person.id(), person.id(), Reply.text("Throttled")));

        DispatchingOutbox.PassResult throttled = dispatching.dispatchDue();
        outbox.enqueue(Outbox.Request.toPerson("test:429b:" + other.id(), other.id(), Reply.text("Waits too")));
        DispatchingOutbox.PassResult whilePaused = dispatching.dispatchDue();
        clock.advance(Duration.ofSeconds(30));
        DispatchingOutbox.PassResult after = dispatching.dispatchDue();

        assertThat(throttled.retried()).isEqualTo(1);
        assertThat(whilePaused.claimed()).isZero();
        assertThat(after.sent()).isEqualTo(2);
        assertThat(outbox.find("test:429:" + person.id()).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void serviceUnavailableIsRetriedWithBackoff() {
        Person person = fixtures.reachablePerson();
        connector.script(Scripted.status(503));
        outbox.enqueue(Outbox.Request.toPerson("test:503:" + person.id(), person.id(), Reply.text("Eventually")));

        dispatching.dispatchDue();
        OutboundMessage waiting = outbox.find("test:503:" + person.id()).orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        dispatching.dispatchDue();

        assertThat(waiting.status()).isEqualTo(OutboundStatus.PENDING);
        assertThat(waiting.notBefore()).isAfter(clock.instant().minus(Duration.ofMinutes(1)));
        assertThat(waiting.lastError()).contains("503");
        assertThat(outbox.find("test:503:" + person.id()).orElseThrow().status()).isEqualTo(OutboundStatus.SENT);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheReason() {
        Person person = fixtures.reachablePerson();
        connector.script(Scripted.status(502), Scripted.status(502), Scripted.status(502));
        outbox.enqueue(Outbox.Request.toPerson("test:giveup:" + person.id(), person.id(), Reply.text("Never")));

        for (int i = 0; i < 3; i++) {
            dispatching.dispatchDue();
            clock.advance(Duration.ofMinutes(15));
        }

        OutboundMessage row = outbox.find("test:giveup:" + person.id()).orElseThrow();
        assertThat(row.status()).isEqualTo(OutboundStatus.FAILED);
        assertThat(row.lastError()).startsWith("Gave up after 3 attempts").contains("502");
    }

    @Test
    void blockedByUserIsPermanentFailureInPlainWords() {
        Person person = fixtures.reachablePerson();
        connector.script(Scripted.writesBlocked());
        outbox.enqueue(Outbox.Request.toPerson("test:403:" + person.id(), person.id(), Reply.text("Blocked")));

        DispatchingOutbox.PassResult pass = dispatching.dispatchDue();
        clock.advance(Duration.ofHours(1));
        dispatching.dispatchDue();

        assertThat(pass.failed()).isEqualTo(1);
        OutboundMessage row = outbox.find("test:403:" + person.id()).orElseThrow();
        assertThat(row.status()).isEqualTo(OutboundStatus.FAILED);
        assertThat(row.lastError()).contains("blocked or uninstalled");
        assertThat(connector.messages()).hasSize(1);
    }

    @Test
    void goneConversationIsPermanentFailure() {
        Person person = fixtures.reachablePerson();
        connector.script(Scripted.status(404));
        outbox.enqueue(Outbox.Request.toPerson("test:404:" + person.id(), person.id(), Reply.text("Gone")));

        dispatching.dispatchDue();

        assertThat(outbox.find("test:404:" + person.id()).orElseThrow().lastError()).contains("no longer exists");
    }

    @Test
    void readTimeoutAfterSendingIsUnknownAndNeverResent() {
        Person person = fixtures.reachablePerson();
        connector.script(Scripted.slow(1500));
        outbox.enqueue(Outbox.Request.toPerson("test:timeout:" + person.id(), person.id(), Reply.text("Maybe")));

        DispatchingOutbox.PassResult pass = dispatching.dispatchDue();
        clock.advance(Duration.ofHours(1));
        dispatching.dispatchDue();

        assertThat(pass.unknown()).isEqualTo(1);
        assertThat(outbox.find("test:timeout:" + person.id()).orElseThrow().status()).isEqualTo(OutboundStatus.UNKNOWN);
        assertThat(connector.messagesTo(DeliveryFixtures.conversationOf(person))).hasSize(1);
    }

    @Test
    void personWhoNeverWroteGetsAChatCreatedWhichIsThenReused() {
        Person person = fixtures.silentPerson();
        outbox.enqueue(Outbox.Request.toPerson("test:create1:" + person.id(), person.id(), Reply.text("First")));
        outbox.enqueue(Outbox.Request.toPerson("test:create2:" + person.id(), person.id(), Reply.text("Second"))
                .at(clock.instant().plusSeconds(1)));

        dispatching.dispatchDue();
        clock.advance(Duration.ofSeconds(1));
        dispatching.dispatchDue();

        long creations = connector.calls().stream()
                .filter(c -> c.method().equals("POST") && c.path().equals("/v3/conversations")).count();
        assertThat(creations).isEqualTo(1);
        assertThat(connector.calls().stream().filter(c -> c.path().equals("/v3/conversations")).findFirst().orElseThrow()
                .body().path("members").get(0).path("id").asText()).isEqualTo(person.aadObjectId());
        assertThat(identities.findFirstByPersonIdOrderByLastSeenAtDesc(person.id())).isPresent();
        assertThat(outbox.find("test:create2:" + person.id()).orElseThrow().status()).isEqualTo(OutboundStatus.SENT);
    }

    @Test
    void personWithNoWayToBeReachedFailsWithExplanation() {
        Person person = fixtures.unreachablePerson();
        outbox.enqueue(Outbox.Request.toPerson("test:unreachable:" + person.id(), person.id(), Reply.text("Nobody")));

        dispatching.dispatchDue();

        OutboundMessage row = outbox.find("test:unreachable:" + person.id()).orElseThrow();
        assertThat(row.status()).isEqualTo(OutboundStatus.FAILED);
        assertThat(row.lastError()).contains("has not installed HPS Companion");
    }

    @Test
    void abandonedClaimIsHandedBackAndAbandonedSendBecomesUnknown() {
        Person claimedOnly = fixtures.reachablePerson();
        Person midSend = fixtures.reachablePerson();
        outbox.enqueue(Outbox.Request.toPerson("test:claimed:" + claimedOnly.id(), claimedOnly.id(), Reply.text("A")));
        outbox.enqueue(Outbox.Request.toPerson("test:sending:" + midSend.id(), midSend.id(), Reply.text("B")));
        // a dispatcher that died: one row claimed but untouched, one in the middle of its request
        rows.claim(rows.findDueIds(clock.instant(), 10), "dead-dispatcher", clock.instant(), clock.instant().plusSeconds(120));
        long sendingId = outbox.find("test:sending:" + midSend.id()).orElseThrow().id();
        rows.markSending(sendingId, "dead-dispatcher", clock.instant());

        DispatchingOutbox.PassResult beforeLease = dispatching.dispatchDue();
        clock.advance(Duration.ofMinutes(3));
        DispatchingOutbox.PassResult afterLease = dispatching.dispatchDue();

        assertThat(beforeLease.claimed()).isZero();
        assertThat(afterLease.recovered()).isEqualTo(2);
        assertThat(afterLease.sent()).isEqualTo(1);
        assertThat(outbox.find("test:claimed:" + claimedOnly.id()).orElseThrow().status()).isEqualTo(OutboundStatus.SENT);
        assertThat(outbox.find("test:sending:" + midSend.id()).orElseThrow().status()).isEqualTo(OutboundStatus.UNKNOWN);
        assertThat(connector.messagesTo(DeliveryFixtures.conversationOf(midSend))).isEmpty();
    }

    @Test
    void cardsTravelAsAdaptiveCardAttachments() {
        Person person = fixtures.reachablePerson();
        outbox.enqueue(Outbox.Request.toPerson("test:card:" + person.id(), person.id(),
                Reply.card("{\"type\":\"AdaptiveCard\",\"version\":\"1.5\",\"body\":[]}")));

        dispatching.dispatchDue();

        assertThat(connector.messagesTo(DeliveryFixtures.conversationOf(person)).get(0).card().path("type").asText())
                .isEqualTo("AdaptiveCard");
    }

    @Test
    void metricsEndpointReportsDeliveryCounters() throws Exception {
        Person person = fixtures.reachablePerson();
        outbox.enqueue(Outbox.Request.toPerson("test:metrics:" + person.id(), person.id(), Reply.text("Counted")));
        dispatching.dispatchDue();

        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/prometheus"))
                        .header("Authorization", "Bearer metrics-token-for-tests").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(metrics.body()).contains("hps_delivery_sent_total", "hps_delivery_queue_depth",
                "hps_delivery_send_latency_seconds");
    }
}
