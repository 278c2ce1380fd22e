package uk.nhs.hps.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import uk.nhs.hps.support.CohortSeed;
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
 * The console's Meetings and engagement page for a cohort of 2,000 participants (1,000 sponsors, 24 months of meeting
 * records, prompts and reflections from {@link CohortSeed}), on H2 and PostgreSQL, as whole HTTP requests signed in:
 * the first page of 100 pairs over the default six months (with the digest, engagement and the audit of every person
 * named), the same filtered to pairs with a missed month, and the CSV of all 2,000 pairs. Prints p50 / p95 / max;
 * asserts nothing. Run with
 * {@code ./mvnw -B -q -Pbench test-compile exec:java -Dbench.main=uk.nhs.hps.bench.MeetingsConsoleBenchmark}.
 */
public final class MeetingsConsoleBenchmark {

    private MeetingsConsoleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int participants = Integer.getInteger("bench.meetings.participants", 2_000);
        int runs = Integer.getInteger("bench.meetings.runs", 100);
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
        properties.put("hps.faq.semantic", "false");
        try (ApplicationContext context = ApplicationContext.run(properties, "dev")) {
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            TransactionOperations<Connection> db = context.getBean(TransactionOperations.class);
            CohortSeed.Seeded seeded = CohortSeed.seed(db, Instant.now(), participants, 24, "meetbench");
            long member = ConsoleBenchSession.programmeTeamMember(db, "bench.meetings.team");
            db.executeWrite(status -> {
                try (Statement s = status.getConnection().createStatement()) {
                    s.execute("ANALYZE");
                }
                return null;
            });
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            String session = ConsoleBenchSession.signIn(http, server.getURL().toString(), member);
            String base = server.getURL() + "/console/meetings";
            report(kind, "page 1 (100 pairs, 6 months)", measure(http, URI.create(base + "?cohort=" + seeded.cohortId()), session, runs));
            report(kind, "only pairs with a missed month", measure(http,
                    URI.create(base + "?cohort=" + seeded.cohortId() + "&missed=yes"), session, runs));
            report(kind, "CSV of all " + participants + " pairs", measure(http,
                    URI.create(base + "/export.csv?cohort=" + seeded.cohortId()), session, Math.max(5, runs / 10)));
        }
    }

    /** 10 warm-up requests, then {@code runs} timed. */
    private static List<Double> measure(HttpClient http, URI page, String session, int runs) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 10 + runs; i++) {
            long t = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(page).header("Cookie", session).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (i >= 10) {
                millis.add((System.nanoTime() - t) / 1e6);
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException(page + " answered " + response.statusCode());
            }
        }
        Collections.sort(millis);
        return millis;
    }

    private static void report(TestDatabases.Kind kind, String what, List<Double> millis) {
        System.out.printf("meetings db=%-8s %s, %d requests: p50=%.1f ms p95=%.1f ms max=%.1f ms%n", kind, what, millis.size(),
                ConsoleOverviewBenchmark.pct(millis, 50), ConsoleOverviewBenchmark.pct(millis, 95), millis.get(millis.size() - 1));
    }
}
