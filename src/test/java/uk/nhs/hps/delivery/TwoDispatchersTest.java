package uk.nhs.hps.delivery;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.TeamsIdentityRepository;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.TestDatabases;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Two service instances dispatching from one PostgreSQL database never send a message twice. */
class TwoDispatchersTest {

    private final FakeBotConnector connector = new FakeBotConnector();
    private final List<ApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(ApplicationContext::close);
        connector.close();
    }

    @Test
    void racingDispatchersDeliverEachMessageExactlyOnce() {
        Map<String, Object> properties = new HashMap<>(TestDatabases.postgres());
        properties.put("delivery.dispatcher-enabled", "false");
        properties.put("delivery.rate-per-second", "2000");
        properties.put("delivery.batch-size", "25");
        properties.put("delivery.workers", "4");
        ApplicationContext first = node(properties);
        ApplicationContext second = node(properties);
        DeliveryFixtures fixtures = new DeliveryFixtures(first.getBean(PersonRepository.class),
                first.getBean(TeamsIdentityRepository.class), connector.serviceUrl());
        List<Outbox.Request> requests = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Person person = fixtures.reachablePerson();
            requests.add(Outbox.Request.toPerson("race:" + person.id(), person.id(), Reply.text("Race " + i)));
        }
        drain(first, new java.util.concurrent.CountDownLatch(0)); // warm both up on an empty outbox
        drain(second, new java.util.concurrent.CountDownLatch(0));
        first.getBean(Outbox.class).enqueueAll(requests);

        connector.answerAfter(20); // network-like latency, so the two really overlap
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        // one thread per node (the common pool may have a single thread on a 2-core machine)
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> drain(first, go), threads);
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> drain(second, go), threads);
        go.countDown();
        int sentByBoth = a.join() + b.join();
        threads.shutdown();

        Map<String, Long> perConversation = connector.delivered().stream()
                .collect(Collectors.groupingBy(FakeBotConnector.Call::path, Collectors.counting()));
        assertThat(sentByBoth).isEqualTo(300);
        assertThat(perConversation).hasSize(300);
        assertThat(perConversation.values()).allMatch(count -> count == 1);
        assertThat(a.join()).isPositive();
        assertThat(b.join()).isPositive();
    }

    private ApplicationContext node(Map<String, Object> properties) {
        ApplicationContext context = ApplicationContext.run(properties, "dev");
        nodes.add(context);
        return context;
    }

    private static int drain(ApplicationContext node, java.util.concurrent.CountDownLatch go) {
        DispatchingOutbox dispatching = node.getBean(DispatchingOutbox.class);
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        Outbox outbox = node.getBean(Outbox.class);
        int sent = 0;
        // a pass that lost every row to the other node claims nothing, so go on until the outbox is empty
        while (outbox.countUnfinished() > 0) {
            sent += dispatching.dispatchDue().sent();
        }
        return sent;
    }
}
