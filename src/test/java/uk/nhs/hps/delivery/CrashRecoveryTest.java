package uk.nhs.hps.delivery;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.TeamsIdentityRepository;
import uk.nhs.hps.support.DispatcherProcess;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.TestClock;
import uk.nhs.hps.support.TestDatabases;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 in the middle of a broadcast, then restart: nothing is lost, and nothing is sent twice except
 * what is honestly marked UNKNOWN (at most the messages in flight at the moment of death).
 */
class CrashRecoveryTest {

    private static final int MESSAGES = 500;
    private static final int KILL_AFTER = 200;
    private static final int WORKERS = 8;

    private final FakeBotConnector connector = new FakeBotConnector();
    private Process dispatcher;
    private ApplicationContext survivor;

    @AfterEach
    void cleanUp() {
        if (dispatcher != null) {
            dispatcher.destroyForcibly();
        }
        if (survivor != null) {
            survivor.close();
        }
        connector.close();
    }

    @Test
    void killedDispatcherLosesNothingAndDuplicatesOnlyWhatItMarksUnknown() throws Exception {
        Map<String, String> database = TestDatabases.postgres();
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("delivery.dispatcher-enabled", "false");
        properties.put("hps.test.clock", "manual");
        survivor = ApplicationContext.run(properties, "dev");
        TestClock clock = survivor.getBean(TestClock.class);
        clock.set(java.time.Instant.now()); // the dying dispatcher runs on the real clock
        DeliveryFixtures fixtures = new DeliveryFixtures(survivor.getBean(PersonRepository.class),
                survivor.getBean(TeamsIdentityRepository.class), connector.serviceUrl());
        List<Outbox.Request> requests = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            Person person = fixtures.reachablePerson();
            requests.add(Outbox.Request.toPerson("crash:" + person.id(), person.id(), Reply.text("Announcement")));
        }
        Outbox outbox = survivor.getBean(Outbox.class);
        outbox.enqueueAll(requests);
        connector.answerAfter(5);

        dispatcher = startDispatcher(database);
        assertThat(connector.awaitMessages(KILL_AFTER, Duration.ofSeconds(60))).isTrue();
        dispatcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int receivedBeforeCrash = connector.messages().size();

        clock.set(java.time.Instant.now().plus(Duration.ofMinutes(10))); // restarted after the lease ran out
        DispatchingOutbox dispatching = survivor.getBean(DispatchingOutbox.class);
        while (dispatching.dispatchDue().didWork()) {
            // keep passing until the outbox is drained
        }

        List<OutboundMessage> rows = requests.stream().map(r -> outbox.find(r.idempotencyKey()).orElseThrow()).toList();
        Map<String, Long> deliveries = connector.delivered().stream()
                .collect(Collectors.groupingBy(FakeBotConnector.Call::path, Collectors.counting()));
        long unknown = rows.stream().filter(r -> r.status() == OutboundStatus.UNKNOWN).count();
        assertThat(receivedBeforeCrash).isBetween(KILL_AFTER, MESSAGES - 1);
        assertThat(rows).allMatch(r -> r.status() == OutboundStatus.SENT || r.status() == OutboundStatus.UNKNOWN);
        assertThat(unknown).isLessThanOrEqualTo(WORKERS);
        for (OutboundMessage row : rows) {
            long times = deliveries.getOrDefault(
                    "/v3/conversations/" + DeliveryFixtures.conversationOf(row.personId()) + "/activities", 0L);
            if (row.status() == OutboundStatus.SENT) {
                assertThat(times).as("message %s delivered exactly once", row.idempotencyKey()).isEqualTo(1);
            } else {
                assertThat(times).as("unknown message %s delivered at most once", row.idempotencyKey()).isLessThanOrEqualTo(1);
            }
        }
    }

    private Process startDispatcher(Map<String, String> database) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        database.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Ddelivery.rate-per-second=400");
        command.add("-Ddelivery.workers=" + WORKERS);
        command.add("-Ddelivery.batch-size=50");
        command.add("-Dmicronaut.server.port=-1");
        command.add(DispatcherProcess.class.getName());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(File.createTempFile("dispatcher", ".log")).start();
    }
}
