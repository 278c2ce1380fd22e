package uk.nhs.hps.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import uk.nhs.hps.cohort.OverviewBenchAccess;
import uk.nhs.hps.cohort.ShowingCohortOverview;
import uk.nhs.hps.support.CohortSeed;
import uk.nhs.hps.support.TestClock;
import uk.nhs.hps.support.TestDatabases;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's cohort overview page for a cohort of 2,000 participants (1,000 sponsors) with 24 months of history
 * (48,000 meeting months, 48,000 reflective prompts, about 56,000 reflections), on H2 and PostgreSQL: the whole
 * request over HTTP with a signed-in session (filter, session and membership checks, the queries, the audit of the
 * people named, Thymeleaf rendering), 30 warm-up requests then 200 measured one after another. The overview keeps a
 * cohort's figures for a minute and counts them again in the background after that, so three series are measured:
 * figures kept (most requests); figures a minute old on every request (the injected clock moves past the minute before
 * each, so each request is served while a count runs beside it); and the figures counted while the request waits (they
 * are dropped before each, as on the first view after a start or an erasure), which is also what a background count
 * costs. Prints p50 / p95 / p99 / max; asserts nothing. Target: p95 at most 150 ms.
 * Run with {@code ./mvnw -Pbench -DskipTests verify -Dbench.skip.roster=true -Dbench.skip.delivery=true
 * -Dbench.skip.faq=true -Dbench.skip.nudges=true -Dbench.skip.commit=true}.
 */
public final class ConsoleOverviewBenchmark {

    private ConsoleOverviewBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int participants = Integer.getInteger("bench.console.participants", 2_000);
        int months = Integer.getInteger("bench.console.months", 24);
        int runs = Integer.getInteger("bench.console.runs", 200);
        for (TestDatabases.Kind kind : TestDatabases.Kind.values()) {
            run(kind, participants, months, runs);
        }
        System.exit(0);
    }

    @SuppressWarnings("unchecked")
    private static void run(TestDatabases.Kind kind, int participants, int months, int runs) throws Exception {
        Map<String, Object> properties = new HashMap<>(TestDatabases.properties(kind));
        properties.put("micronaut.server.port", "-1");
        properties.put("scheduling.enabled", "false");
        properties.put("delivery.dispatcher-enabled", "false");
        properties.put("console.secure-cookie", "false");
        // the FAQ's embedding model loads in the background at start; it is not part of this page
        properties.put("hps.faq.semantic", "false");
        properties.put("hps.test.clock", "manual");
        try (ApplicationContext context = ApplicationContext.run(properties, "dev")) {
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            TestClock clock = context.getBean(TestClock.class);
            clock.set(Instant.now());
            TransactionOperations<Connection> db = context.getBean(TransactionOperations.class);
            long started = System.nanoTime();
            CohortSeed.Seeded seeded = CohortSeed.seed(db, clock.instant(), participants, months, "bench");
            long member = ConsoleBenchSession.programmeTeamMember(db, "bench.team");
            analyse(db);
            System.out.printf("console db=%-8s seeded %d participants, %d months in %d ms%n", kind, participants, months,
                    (System.nanoTime() - started) / 1_000_000);
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            String session = ConsoleBenchSession.signIn(http, server.getURL().toString(), member);
            URI page = URI.create(server.getURL() + "/console?cohort=" + seeded.cohortId());
            long t0 = System.nanoTime();
            check(get(http, page, session), seeded);
            System.out.printf("console db=%-8s overview, first request (figures read from the database): %.1f ms%n", kind,
                    (System.nanoTime() - t0) / 1e6);
            report(kind, "figures kept for a minute", measure(http, page, session, seeded, runs, null), participants, months);
            report(kind, "figures a minute old, counted again in the background", measure(http, page, session, seeded, runs / 4,
                    () -> clock.advance(ShowingCohortOverview.FRESH_FOR.plusSeconds(1))), participants, months);
            report(kind, "figures counted while the request waits", measure(http, page, session, seeded, runs / 4,
                    () -> OverviewBenchAccess.forgetKeptFigures(context)), participants, months);
        }
    }

    /**
     * A database in service has planner statistics (PostgreSQL's autovacuum, H2's selectivity); a table filled a moment
     * ago has none, and the planner then picks nested scans. Both engines are asked to gather them, as they would have.
     */
    private static void analyse(TransactionOperations<Connection> db) {
        db.executeWrite(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                s.execute("ANALYZE");
            }
            return null;
        });
    }

    /** 30 warm-up requests, then {@code runs} timed; {@code beforeEach} (if any) runs untimed before every request. */
    private static List<Double> measure(HttpClient http, URI page, String session, CohortSeed.Seeded seeded, int runs,
                                        Runnable beforeEach) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 30 + runs; i++) {
            if (beforeEach != null) {
                beforeEach.run();
            }
            long t = System.nanoTime();
            HttpResponse<String> response = get(http, page, session);
            if (i >= 30) {
                millis.add((System.nanoTime() - t) / 1e6);
            }
            check(response, seeded);
        }
        Collections.sort(millis);
        return millis;
    }

    private static void check(HttpResponse<String> response, CohortSeed.Seeded seeded) {
        if (response.statusCode() != 200 || !response.body().contains(seeded.cohortName())) {
            throw new IllegalStateException("overview answered " + response.statusCode());
        }
    }

    private static void report(TestDatabases.Kind kind, String what, List<Double> millis, int participants, int months) {
        System.out.printf("console db=%-8s overview %d participants, %d months, %s, %d requests: p50=%.1f ms p95=%.1f ms"
                        + " p99=%.1f ms max=%.1f ms (target p95 <= 150 ms)%n", kind, participants, months, what, millis.size(),
                pct(millis, 50), pct(millis, 95), pct(millis, 99), millis.get(millis.size() - 1));
    }

    static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static HttpResponse<String> get(HttpClient http, URI page, String session) throws Exception {
        return http.send(HttpRequest.newBuilder(page).header("Cookie", session).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
