package uk.nhs.hps.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import uk.nhs.hps.support.CohortSeed;
import uk.nhs.hps.support.TalentSeed;
import uk.nhs.hps.support.TestClock;
import uk.nhs.hps.support.TestDatabases;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's talent heat map and movement pages for a cohort of 2,000 participants (1,000 sponsors), each placed in
 * three review cycles (6,000 reviews, with organisations and streams), on H2 and PostgreSQL: the whole request over HTTP
 * with a signed-in session (filter, session and membership checks, the query, the view's audit line, Thymeleaf), 30
 * warm-up requests then 200 measured one after another, per page: the heat map of the whole cohort, the heat map
 * filtered by stream and organisation, and the movement between the last two cycles. Prints p50 / p95 / p99 / max
 * and the machine's load average (other builds share it); asserts nothing. Target: p95 at most 200 ms.
 * Run with {@code ./mvnw -Pbench -DskipTests verify -Dbench.skip.roster=true -Dbench.skip.delivery=true
 * -Dbench.skip.faq=true -Dbench.skip.nudges=true -Dbench.skip.commit=true -Dbench.skip.turn=true -Dbench.skip.console=true}.
 */
public final class ConsoleTalentBenchmark {

    private ConsoleTalentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int participants = Integer.getInteger("bench.talent.participants", 2_000);
        int runs = Integer.getInteger("bench.talent.runs", 200);
        for (TestDatabases.Kind kind : TestDatabases.Kind.values()) {
            run(kind, participants, runs);
        }
        System.exit(0);
    }

    @SuppressWarnings("unchecked")
    private static void run(TestDatabases.Kind kind, int participants, int runs) throws Exception {
        Map<String, Object> properties = new HashMap<>(TestDatabases.properties(kind));
        properties.put("micronaut.server.port", "-1");
        properties.put("scheduling.enabled", "false");
        properties.put("delivery.dispatcher-enabled", "false");
        properties.put("console.secure-cookie", "false");
        // the FAQ's embedding model loads in the background at start; it is not part of these pages
        properties.put("hps.faq.semantic", "false");
        properties.put("hps.test.clock", "manual");
        try (ApplicationContext context = ApplicationContext.run(properties, "dev")) {
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            TestClock clock = context.getBean(TestClock.class);
            clock.set(Instant.now());
            TransactionOperations<Connection> db = context.getBean(TransactionOperations.class);
            long started = System.nanoTime();
            CohortSeed.Seeded seeded = CohortSeed.seed(db, clock.instant(), participants, 3, "talentbench");
            LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
            String now = cycleOf(today);
            String last = cycleOf(today.minusYears(1));
            TalentSeed.placeEveryone(db, seeded.cohortId(), clock.instant(), cycleOf(today.minusYears(2)), last, now);
            long member = ConsoleBenchSession.programmeTeamMember(db, "bench.talent.team");
            analyse(db);
            System.out.printf("talent db=%-8s seeded %d participants, 3 cycles of placements in %d ms%n", kind, participants,
                    (System.nanoTime() - started) / 1_000_000);
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            String session = ConsoleBenchSession.signIn(http, server.getURL().toString(), member);
            String base = server.getURL() + "/console/talent";
            Map<String, URI> pages = new LinkedHashMap<>();
            pages.put("heat map, whole cohort", URI.create(base + "?cohort=" + seeded.cohortId() + "&cycle=" + now));
            pages.put("heat map, stream 1 and one organisation", URI.create(base + "?cohort=" + seeded.cohortId() + "&cycle=" + now
                    + "&stream=1&organisation=Trust+4"));
            pages.put("movement " + last + " to " + now, URI.create(base + "/movement?cohort=" + seeded.cohortId() + "&from=" + last
                    + "&to=" + now));
            for (Map.Entry<String, URI> page : pages.entrySet()) {
                String before = load();
                List<Double> millis = measure(http, page.getValue(), session, runs);
                System.out.printf("talent db=%-8s %s, %d participants, %d requests: p50=%.1f ms p95=%.1f ms p99=%.1f ms"
                                + " max=%.1f ms (target p95 <= 200 ms); load average before %s, after %s%n", kind, page.getKey(),
                        participants, millis.size(), pct(millis, 50), pct(millis, 95), pct(millis, 99),
                        millis.get(millis.size() - 1), before, load());
            }
        }
    }

    private static String cycleOf(LocalDate day) {
        int start = day.getMonthValue() >= 4 ? day.getYear() : day.getYear() - 1;
        return start + "-" + String.format("%02d", (start + 1) % 100);
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them ("n/a" where there is none). */
    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    /** As the overview benchmark: a database in service has planner statistics; a table filled a moment ago has none. */
    private static void analyse(TransactionOperations<Connection> db) {
        db.executeWrite(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                s.execute("ANALYZE");
            }
            return null;
        });
    }

    private static List<Double> measure(HttpClient http, URI page, String session, int runs) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 30 + runs; i++) {
            long t = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(page).header("Cookie", session).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (i >= 30) {
                millis.add((System.nanoTime() - t) / 1e6);
            }
            if (response.statusCode() != 200 || !response.body().contains("talentbench cohort")) {
                throw new IllegalStateException(page + " answered " + response.statusCode());
            }
        }
        Collections.sort(millis);
        return millis;
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
