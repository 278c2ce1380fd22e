package uk.nhs.hps.delivery;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.roster.Person;
import uk.nhs.hps.roster.PersonRepository;
import uk.nhs.hps.roster.TeamsIdentityRepository;
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
        first.getBean(Outbox.class).enqueueAll(requests);

        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> drain(first));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> drain(second));
        int sentByBoth = a.join() + b.join();

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

    private static int drain(ApplicationContext node) {
        DispatchingOutbox dispatching = node.getBean(DispatchingOutbox.class);
        int sent = 0;
        DispatchingOutbox.PassResult pass;
        do {
            pass = dispatching.dispatchDue();
            sent += pass.sent();
        } while (pass.claimed() > 0);
        return sent;
    }
}
