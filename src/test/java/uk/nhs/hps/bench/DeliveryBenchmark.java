package uk.nhs.hps.bench;

import io.micronaut.context.ApplicationContext;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.delivery.Outbox;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.TeamsIdentity;
import uk.nhs.hps.people.TeamsIdentityRepository;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.TestDatabases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Delivery throughput, exactly-once under refusals, on H2 and PostgreSQL. Prints its figures; asserts
 * nothing about time. Run with {@code ./mvnw -Pbench -DskipTests verify} (see README).
 *
 * <ol>
 *   <li>Fast connector, rate raised to 500 msg/s: 10,000 recipients, achieved rate vs configured.</li>
 *   <li>Default 25 msg/s, connector answering 429 (Retry-After 1 s) to 5% and 503 to 2% of sends:
 *       delivered, duplicates, lost, elapsed and ideal (N / rate + waits the connector demanded).</li>
 * </ol>
 */
public final class DeliveryBenchmark {

    private DeliveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int fastN = Integer.getInteger("bench.delivery.fast.n", 10_000);
        int chaosN = Integer.getInteger("bench.delivery.chaos.n", 1_000);
        if (!Boolean.getBoolean("bench.delivery.h2file.only")) {
            for (TestDatabases.Kind kind : TestDatabases.Kind.values()) {
                fast(kind.name(), TestDatabases.properties(kind), false, fastN, 500);
            }
        }
        // what durable commits cost: the same run on an H2 file, with H2's 500 ms write delay and without,
        // alternated (the first round also warms the JIT for both)
        for (int round = 1; round <= Integer.getInteger("bench.delivery.h2file.rounds", 2); round++) {
            fast("H2 file, WRITE_DELAY=500 (before), round " + round, TestDatabases.h2File(), true, fastN, 500);
            fast("H2 file, WRITE_DELAY=0 (durable), round " + round, TestDatabases.h2File(), false, fastN, 500);
        }
        for (TestDatabases.Kind kind : TestDatabases.Kind.values()) {
            if (chaosN > 0) {
                chaos(kind, chaosN, 25);
            }
        }
        System.exit(0);
    }

    @SuppressWarnings("unchecked")
    private static void fast(String kind, Map<String, String> database, boolean delayedWrites, int n, int rate)
            throws Exception {
        try (FakeBotConnector connector = new FakeBotConnector();
             ApplicationContext context = start(database, rate, connector)) {
            if (delayedWrites) {
                TestDatabases.delayH2Writes(context.getBean(io.micronaut.transaction.TransactionOperations.class));
            }
            // a short unmeasured broadcast first, so the figure is the JIT-compiled steady state
            run(context, connector, 1_000, "warmup");
            connector.reset();
            Result r = run(context, connector, n, "bench");
            double achieved = n / (r.elapsed.toMillis() / 1000.0);
            System.out.printf("delivery fast  db=%s n=%d configured=%d/s achieved=%.1f/s (%.1f%% of configured) "
                            + "delivered=%d duplicates=%d lost=%d elapsed=%.1fs%n",
                    kind, n, rate, achieved, 100 * achieved / rate, r.delivered, r.duplicates, r.lost,
                    r.elapsed.toMillis() / 1000.0);
        }
    }

    private static void chaos(TestDatabases.Kind kind, int n, int rate) throws Exception {
        try (FakeBotConnector connector = new FakeBotConnector();
             ApplicationContext context = start(TestDatabases.properties(kind), rate, connector)) {
            connector.chaos(new FakeBotConnector.Chaos(0.05, 1, 0.02, 42));
            Result r = run(context, connector, n, "bench");
            double ideal = (double) n / rate + connector.demandedWaits().toMillis() / 1000.0;
            double elapsed = r.elapsed.toMillis() / 1000.0;
            System.out.printf("delivery chaos db=%-8s n=%d rate=%d/s 429=5%% 503=2%% delivered=%d duplicates=%d lost=%d "
                            + "elapsed=%.1fs ideal=%.1fs (+%.1f%%)%n",
                    kind, n, rate, r.delivered, r.duplicates, r.lost, elapsed, ideal, 100 * (elapsed - ideal) / ideal);
        }
    }

    private record Result(int delivered, int duplicates, int lost, Duration elapsed) {
    }

    private static ApplicationContext start(Map<String, String> database, int rate, FakeBotConnector connector) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("delivery.rate-per-second", String.valueOf(rate));
        properties.put("delivery.per-conversation-rate-per-second", "7");
        properties.put("delivery.dispatcher-enabled", "true");
        properties.put("delivery.idle-poll-interval", "20ms");
        properties.put("delivery.max-attempts", "20");
        properties.put("teams.default-service-url", connector.serviceUrl());
        properties.put("datasources.default.maximum-pool-size", "24");
        return ApplicationContext.run(properties, "dev");
    }

    private static Result run(ApplicationContext context, FakeBotConnector connector, int n, String label) throws Exception {
        List<Long> personIds = people(context, connector, n, label);
        List<Outbox.Request> requests = new ArrayList<>(n);
        for (Long id : personIds) {
            requests.add(Outbox.Request.toPerson(label + ":" + id, id, Reply.text("Cohort announcement")));
        }
        Instant start = Instant.now();
        context.getBean(Outbox.class).enqueueAll(requests);
        System.out.printf("delivery       enqueued %d messages in %.2fs%n", n, Duration.between(start, Instant.now()).toMillis() / 1000.0);
        Outbox outbox = context.getBean(Outbox.class);
        while (outbox.countUnfinished() > 0) {
            Thread.sleep(20);
        }
        Duration elapsed = Duration.between(start, Instant.now());
        Map<String, Long> perConversation = connector.delivered().stream()
                .collect(Collectors.groupingBy(FakeBotConnector.Call::path, Collectors.counting()));
        int duplicates = (int) perConversation.values().stream().filter(c -> c > 1).mapToLong(c -> c - 1).sum();
        int delivered = perConversation.size();
        return new Result(delivered, duplicates, n - delivered, elapsed);
    }

    private static List<Long> people(ApplicationContext context, FakeBotConnector connector, int n, String label) {
        PersonRepository people = context.getBean(PersonRepository.class);
        TeamsIdentityRepository identities = context.getBean(TeamsIdentityRepository.class);
        Instant now = Instant.now();
        List<Person> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(new Person(null, label + i + "@nhs.net", "Bench " + i, Role.PARTICIPANT, "ACTIVE",
                    "Europe/London", "aad-" + label + "-" + i, now, now));
        }
        List<Long> ids = new ArrayList<>(n);
        List<TeamsIdentity> chats = new ArrayList<>(n);
        for (Person p : people.saveAll(batch)) {
            ids.add(p.id());
            chats.add(new TeamsIdentity(null, "29:bench-" + p.id(), p.aadObjectId(), "tenant", p.displayName(),
                    p.email(), p.id(), connector.serviceUrl(), "a:bench-" + p.id(), "{}", now, now));
        }
        identities.saveAll(chats);
        return ids;
    }
}
