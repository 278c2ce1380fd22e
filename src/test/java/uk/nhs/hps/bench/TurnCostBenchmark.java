package uk.nhs.hps.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.FakeTokenIssuer;
import uk.nhs.hps.support.ServiceProcess;
import uk.nhs.hps.support.TestDatabases;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 17: what a turn costs, HPS answering an FAQ question beside an echo bot on the same SDK doing nothing
 * (src/test/echo-bot, hosted as Microsoft's Spring Boot sample hosts one). Both run as packaged jars with the
 * same JVM options, against the same local Bot Connector and token issuer, driven by the same load generator,
 * interleaved over two rounds. Prints each figure and HPS / echo.
 *
 * <p>Run alone: {@code ./mvnw -B -DskipTests package && ./mvnw -B -q -f src/test/echo-bot/pom.xml package &&
 * ./mvnw -B -q -Pbench test-compile exec:java -Dbench.main=uk.nhs.hps.bench.TurnCostBenchmark}; it is also one of
 * {@code ./mvnw -Pbench -DskipTests verify}. Smaller runs: {@code -Dbench.turn.rounds=1 -Dbench.turn.warm-up=600}.
 */
public final class TurnCostBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_ID = "hps-bench-app";
    private static final Pattern REPLY_PATH = Pattern.compile("/v3/conversations/[^/]+/activities/([^/]+)");
    private static final int RETURNING_USERS = 200;
    private static final int CONCURRENCY = Integer.getInteger("bench.turn.concurrency", 50);
    private static final int SEQUENTIAL_TURNS = Integer.getInteger("bench.turn.sequential", 200);
    private static final int CONCURRENT_TURNS = Integer.getInteger("bench.turn.concurrent", 3000);
    private static final int NEW_USER_TURNS = Integer.getInteger("bench.turn.new-users", 1500);
    private static final int ROUNDS = Integer.getInteger("bench.turn.rounds", 2);
    private static final int WARM_UP_TURNS = Integer.getInteger("bench.turn.warm-up", 3000);
    /** The same JVM options for both bots: the JDK's defaults, as `java -jar` runs each. */
    private static final List<String> JVM = List.of();
    private static final String[] QUESTIONS = {
            "how long does the scheme last", "who can apply for the hps", "what is a sponsor for",
            "do i get study leave for the programme", "what happens at the end of the 24 months",
            "how often should i meet my sponsor", "what is the reflective log", "is there a residential",
            "what does career transition 1 mean", "what is the 9 box grid used for"};

    private final FakeTokenIssuer issuer = FakeTokenIssuer.instance();
    private final FakeBotConnector connector = new FakeBotConnector();
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(CONCURRENCY + 4)).build();
    /** activity id → nanoTime the request was started; removed when the first reply to it arrives. */
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> replied = new ConcurrentHashMap<>();
    private final Map<String, Long> replyNanos = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger newUsers = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        new TurnCostBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        connector.streamCallsTo(this::arrived);
        for (int i = 0; i < RETURNING_USERS; i++) {
            knows(user("returning-" + i));
        }
        Bot echo = Bot.echo(connector, issuer);
        Bot hps = Bot.hps(connector, issuer);
        try {
            List<Bot> bots = List.of(echo, hps);
            for (Bot bot : bots) {
                warmUp(bot);
            }
            Map<String, List<Figures>> results = new HashMap<>();
            for (int round = 1; round <= ROUNDS; round++) {
                for (Bot bot : bots) {
                    Figures f = new Figures(sequential(bot), concurrent(bot, false), concurrent(bot, true));
                    results.computeIfAbsent(bot.name, k -> new ArrayList<>()).add(f);
                    System.out.printf(Locale.ROOT, "round %d %-4s %s%n", round, bot.name, f);
                }
            }
            long echoRss = echo.residentKb();
            long hpsRss = hps.residentKb();
            report(results.get("echo"), results.get("hps"), echoRss, hpsRss);
        } finally {
            echo.close();
            hps.close();
            connector.close();
        }
    }

    // ---- scenarios

    private void warmUp(Bot bot) throws Exception {
        // every returning user's first message (their contact is recorded), then enough turns for the JIT
        runLoad(bot, RETURNING_USERS, 10, i -> user("returning-" + i));
        runLoad(bot, WARM_UP_TURNS, CONCURRENCY, i -> user("returning-" + (i % RETURNING_USERS)));
        runLoad(bot, WARM_UP_TURNS / 6, CONCURRENCY, i -> freshUser());
    }

    /** One turn at a time: reply reaches the connector, p50; HTTP response, p50. */
    private Sequential sequential(Bot bot) throws Exception {
        long[] reply = new long[SEQUENTIAL_TURNS];
        long[] response = new long[SEQUENTIAL_TURNS];
        for (int i = 0; i < SEQUENTIAL_TURNS; i++) {
            Turn t = send(bot, user("returning-" + (i % RETURNING_USERS)), i);
            reply[i] = t.replyNanos;
            response[i] = t.responseNanos;
        }
        return new Sequential(percentile(reply, 50), percentile(response, 50));
    }

    /** {@link #CONCURRENCY} at once: turns completed per second and reply p99. */
    private Load concurrent(Bot bot, boolean firstContacts) throws Exception {
        int turns = firstContacts ? NEW_USER_TURNS : CONCURRENT_TURNS;
        return runLoad(bot, turns, CONCURRENCY, i -> firstContacts ? freshUser() : user("returning-" + (i % RETURNING_USERS)));
    }

    private Load runLoad(Bot bot, int turns, int concurrency, java.util.function.IntFunction<TestUsers.User> who)
            throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        long[] replies = new long[turns];
        AtomicInteger failures = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        long started = System.nanoTime();
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            running.add(workers.submit(() -> {
                for (int i = next.getAndIncrement(); i < turns; i = next.getAndIncrement()) {
                    try {
                        replies[i] = send(bot, who.apply(i), i).replyNanos;
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                        replies[i] = Long.MAX_VALUE;
                    }
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : running) {
            f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        workers.shutdown();
        if (failures.get() > 0) {
            System.out.printf(Locale.ROOT, "  %s: %d of %d turns failed or got no reply (first: %s)%n", bot.name,
                    failures.get(), turns, firstFailure.get());
        }
        return new Load(turns / seconds, percentile(replies, 99));
    }

    /** Posts one message and waits for its HTTP answer and its first reply at the connector. */
    private Turn send(Bot bot, TestUsers.User user, int i) throws Exception {
        String id = bot.name + "-" + ids.incrementAndGet();
        String body = activity(id, user, QUESTIONS[i % QUESTIONS.length]);
        CountDownLatch reply = new CountDownLatch(1);
        replied.put(id, reply);
        HttpRequest request = HttpRequest.newBuilder(URI.create(bot.baseUrl + "/api/messages"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bot.token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        sentAt.put(id, start);
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        long responded = System.nanoTime() - start;
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(bot.name + " answered HTTP " + response.statusCode());
        }
        if (!reply.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(bot.name + " sent no reply to " + id);
        }
        replied.remove(id);
        return new Turn(replyNanos.remove(id), responded);
    }

    private void arrived(FakeBotConnector.Call call) {
        if (!call.method().equals("POST")) {
            return;
        }
        Matcher m = REPLY_PATH.matcher(call.path());
        String replyTo = m.matches() ? m.group(1) : call.body() == null ? null : call.body().path("replyToId").asText(null);
        Long start = replyTo == null ? null : sentAt.remove(replyTo);
        if (start != null) {
            replyNanos.put(replyTo, System.nanoTime() - start);
            CountDownLatch latch = replied.get(replyTo);
            if (latch != null) {
                latch.countDown();
            }
        }
    }

    private String activity(String id, TestUsers.User user, String text) {
        ObjectNode a = JSON.createObjectNode();
        a.put("type", "message").put("id", id).put("channelId", "msteams").put("serviceUrl", connector.serviceUrl())
                .put("timestamp", "2026-12-01T10:00:00.000Z").put("text", text).put("textFormat", "plain").put("locale", "en-GB");
        a.putObject("recipient").put("id", "28:" + APP_ID).put("name", "HPS Companion");
        a.putObject("from").put("id", user.teamsId()).put("name", user.name()).put("aadObjectId", user.aadObjectId());
        a.putObject("conversation").put("id", "a:" + user.teamsId()).put("conversationType", "personal")
                .put("tenantId", TestUsers.TENANT);
        a.putObject("channelData").putObject("tenant").put("id", TestUsers.TENANT);
        return a.toString();
    }

    private TestUsers.User freshUser() {
        TestUsers.User u = user("new-" + newUsers.incrementAndGet());
        knows(u);
        return u;
    }

    private static TestUsers.User user(String key) {
        return new TestUsers.User("29:" + key, "aad-" + key, "Bench " + key, key + "@bench.nhs.net");
    }

    private void knows(TestUsers.User u) {
        connector.knowsMember(u.teamsId(), u.name(), u.email(), u.aadObjectId());
    }

    // ---- figures

    private record Turn(long replyNanos, long responseNanos) {
    }

    private record Sequential(long replyP50, long responseP50) {
    }

    private record Load(double perSecond, long replyP99) {
    }

    private record Figures(Sequential one, Load returning, Load firstContact) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "1-at-a-time reply p50 %.1f ms, response p50 %.1f ms | %d concurrent returning: %.0f/s,"
                            + " reply p99 %.0f ms | first contacts: %.0f/s, reply p99 %.0f ms",
                    ms(one.replyP50), ms(one.responseP50), CONCURRENCY, returning.perSecond, ms(returning.replyP99),
                    firstContact.perSecond, ms(firstContact.replyP99));
        }
    }

    private static void report(List<Figures> echo, List<Figures> hps, long echoRss, long hpsRss) {
        System.out.println();
        System.out.println("| load | echo | HPS | HPS / echo | target |");
        System.out.println("|---|---|---|---|---|");
        row("1 at a time: reply reaches the connector, p50", echo, hps, f -> ms(f.one.replyP50), "%.1f ms", "HPS ≤ 10 ms");
        row("1 at a time: HTTP response, p50", echo, hps, f -> ms(f.one.responseP50), "%.1f ms", "");
        row(CONCURRENCY + " concurrent, " + RETURNING_USERS + " returning users: throughput", echo, hps,
                f -> f.returning.perSecond, "%.0f /s", "≥ 1.0x");
        row(CONCURRENCY + " concurrent: reply p99", echo, hps, f -> ms(f.returning.replyP99), "%.0f ms", "≤ 1.5x");
        row(CONCURRENCY + " concurrent, every message from a new user: throughput", echo, hps,
                f -> f.firstContact.perSecond, "%.0f /s", "≥ 0.8x");
        System.out.printf(Locale.ROOT, "| resident memory after the load | %d MB | %d MB | %.2fx | ≤ 1.2x |%n",
                echoRss / 1024, hpsRss / 1024, (double) hpsRss / echoRss);
    }

    private static void row(String name, List<Figures> echo, List<Figures> hps, java.util.function.ToDoubleFunction<Figures> f,
                            String unit, String target) {
        double[] e = echo.stream().mapToDouble(f).toArray();
        double[] h = hps.stream().mapToDouble(f).toArray();
        double ratio = Arrays.stream(h).average().orElse(0) / Arrays.stream(e).average().orElse(1);
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %.2fx | %s |%n", name, range(e, unit), range(h, unit), ratio, target);
    }

    private static String range(double[] values, String unit) {
        double min = Arrays.stream(values).min().orElse(0);
        double max = Arrays.stream(values).max().orElse(0);
        String lo = String.format(Locale.ROOT, unit, min);
        String hi = String.format(Locale.ROOT, unit, max);
        return lo.equals(hi) ? lo : lo.replaceAll(" .*", "") + "–" + hi;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    // ---- the two bots, each in its own JVM

    private static final class Bot implements AutoCloseable {
        final String name;
        final String baseUrl;
        final String token;
        private final Process process;
        private final ServiceProcess service;

        private Bot(String name, String baseUrl, String token, Process process, ServiceProcess service) {
            this.name = name;
            this.baseUrl = baseUrl;
            this.token = token;
            this.process = process;
            this.service = service;
        }

        static Bot hps(FakeBotConnector connector, FakeTokenIssuer issuer) {
            Map<String, String> properties = new HashMap<>(TestDatabases.h2File());
            properties.put("teams.app-id", APP_ID);
            properties.put("teams.app-password", "bench-password-not-a-secret");
            properties.put("teams.app-tenant-id", TestUsers.TENANT);
            properties.put("teams.open-id-metadata", issuer.openIdMetadataUrl());
            properties.put("teams.token-endpoint", issuer.tokenEndpoint());
            properties.put("teams.default-service-url", connector.serviceUrl());
            properties.put("scheduling.enabled", "false");
            // the FAQ's embedding model loads in the background after start; the warm-up outlasts it
            List<String> jvm = new ArrayList<>(JVM);
            String recording = System.getProperty("bench.turn.jfr");
            if (recording != null) {
                // -Dbench.turn.jfr=target/hps.jfr profiles HPS (jfr print --events jdk.ExecutionSample target/hps.jfr)
                jvm.add("-XX:FlightRecorderOptions=stackdepth=256");
                jvm.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true");
            }
            ServiceProcess service = ServiceProcess.start(properties, Duration.ofSeconds(120), jvm);
            return new Bot("hps", service.baseUrl(), issuer.channelToken(APP_ID, connector.serviceUrl()), null, service);
        }

        static Bot echo(FakeBotConnector connector, FakeTokenIssuer issuer) throws IOException, InterruptedException {
            Path jar = Path.of("src/test/echo-bot/target/echo-bot.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException("No " + jar + ": build it with ./mvnw -f src/test/echo-bot/pom.xml package");
            }
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM);
            command.add("-Dserver.port=" + port);
            command.add("-DMicrosoftAppId=" + APP_ID);
            command.add("-DMicrosoftAppPassword=bench-password-not-a-secret");
            command.add("-DBotOpenIdMetadata=" + issuer.openIdMetadataUrl());
            command.add("-Decho.token-endpoint=" + issuer.tokenEndpoint());
            command.add("-jar");
            command.add(jar.toString());
            Path log = Files.createTempFile("echo-bot", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(log, StandardCharsets.UTF_8).contains("Started EchoBotApplication")) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("The echo bot did not start:\n" + Files.readString(log));
                }
                TimeUnit.MILLISECONDS.sleep(100); // waiting on another process's log: nothing to be woken by
            }
            return new Bot("echo", "http://127.0.0.1:" + port, issuer.channelToken(APP_ID, connector.serviceUrl()), process, null);
        }

        long residentKb() throws IOException {
            long pid = service != null ? service.pid() : process.pid();
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return 0;
        }

        @Override
        public void close() {
            if (service != null) {
                service.stop();
            }
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }
}
