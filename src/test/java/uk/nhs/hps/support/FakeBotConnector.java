package uk.nhs.hps.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Bot Connector: implements the /v3/conversations routes the SDK calls (reply, send, update,
 * delete, create conversation, get member, get members), records every call, and can be scripted to
 * answer with errors (429 with Retry-After, 5xx, 403) for the delivery tests.
 */
public final class FakeBotConnector implements AutoCloseable {

    /** One call the bot made. {@code body} is null for calls without one. */
    public record Call(String method, String path, JsonNode body, String authorization,
                       java.util.concurrent.atomic.AtomicInteger answered) {
        /** The HTTP status the connector answered with (0 while the answer is still being written). */
        public int status() {
            return answered.get();
        }

        public boolean accepted() {
            return status() >= 200 && status() < 300;
        }

        public boolean isActivityPost() {
            return method.equals("POST") && ACTIVITIES.matcher(path).matches();
        }

        public String text() {
            return body == null ? null : body.path("text").asText(null);
        }

        public JsonNode card() {
            JsonNode attachments = body == null ? null : body.path("attachments");
            return attachments == null || attachments.isEmpty() ? null : attachments.get(0).path("content");
        }
    }

    /** A scripted answer for the next matching call. */
    public record Scripted(int status, Map<String, String> headers, String body, long delayMillis) {
        public static Scripted status(int status) {
            return new Scripted(status, Map.of(), "{}", 0);
        }

        public static Scripted throttled(int retryAfterSeconds) {
            return new Scripted(429, Map.of("Retry-After", String.valueOf(retryAfterSeconds)), "{}", 0);
        }

        /** Teams' answer when the user blocked or uninstalled the app. */
        public static Scripted writesBlocked() {
            return new Scripted(403, Map.of(), "{\"error\":{\"code\":\"ConversationBlockedByUser\",\"message\":\"MessageWritesBlocked\"}}", 0)
                    .withCode("MessageWritesBlocked");
        }

        /** Accepts the request, then answers only after {@code millis}: long enough for a read timeout. */
        public static Scripted slow(long millis) {
            return new Scripted(200, Map.of(), "{\"id\":\"slow\"}", millis);
        }

        Scripted withCode(String code) {
            return new Scripted(status, headers, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"refused\"}}", delayMillis);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACTIVITIES = Pattern.compile("/v3/conversations/([^/]+)/activities(/[^/]+)?");
    private static final Pattern MEMBER = Pattern.compile("/v3/conversations/([^/]+)/members/([^/]+)");
    private static final Pattern MEMBERS = Pattern.compile("/v3/conversations/([^/]+)/(paged)?members");

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile java.util.function.Consumer<Call> listener;
    private volatile boolean keepsCalls = true;
    private final Queue<Scripted> script = new ConcurrentLinkedQueue<>();
    private final Map<String, ObjectNode> members = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger posted = new java.util.concurrent.atomic.AtomicInteger();
    private volatile long answerDelayMillis;
    private volatile Chaos chaos;
    private final List<long[]> demandedPauses = new CopyOnWriteArrayList<>();

    /** Random refusals of activity posts: 429 with Retry-After, and 503. */
    public record Chaos(double throttleRate, int retryAfterSeconds, double unavailableRate, long seed) {
    }

    static {
        // the JDK server otherwise leaves Nagle on, adding ~40 ms to every small answer
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public FakeBotConnector() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * For benchmarks: each call is handed to {@code listener} as it arrives, and none is kept (a list of a
     * hundred thousand calls, copied on every write, would be the slowest part of the run).
     */
    public void streamCallsTo(java.util.function.Consumer<Call> listener) {
        this.listener = listener;
        this.keepsCalls = false;
    }

    public String serviceUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Teams answers getMember with the user's e-mail and UPN. */
    public void knowsMember(String userId, String name, String email, String aadObjectId) {
        ObjectNode member = JSON.createObjectNode();
        member.put("id", userId);
        member.put("name", name);
        member.put("email", email);
        member.put("userPrincipalName", email);
        member.put("aadObjectId", aadObjectId);
        members.put(userId, member);
    }

    /** As {@link #knowsMember}, with the given name Teams also returns. */
    public void knowsMember(String userId, String name, String givenName, String email, String aadObjectId) {
        knowsMember(userId, name, email, aadObjectId);
        members.get(userId).put("givenName", givenName);
    }

    public void script(Scripted... answers) {
        script.addAll(List.of(answers));
    }

    /** Every answer comes this much later, like a real connector across a network. */
    public void answerAfter(long millis) {
        answerDelayMillis = millis;
    }

    /** Waits (woken by each arrival, not by polling) until at least {@code count} messages have arrived. */
    public boolean awaitMessages(int count, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (posted) {
            while (posted.get() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                posted.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    public void chaos(Chaos settings) {
        chaos = settings;
        random = new java.util.Random(settings.seed());
    }

    /** Total wall-clock time covered by the Retry-After pauses this connector demanded (overlaps merged). */
    public java.time.Duration demandedWaits() {
        List<long[]> spans = new ArrayList<>(demandedPauses);
        spans.sort(java.util.Comparator.comparingLong(a -> a[0]));
        long total = 0;
        long coveredUntil = Long.MIN_VALUE;
        for (long[] span : spans) {
            long start = Math.max(span[0], coveredUntil);
            if (span[1] > start) {
                total += span[1] - start;
            }
            coveredUntil = Math.max(coveredUntil, span[1]);
        }
        return java.time.Duration.ofNanos(total);
    }

    private java.util.Random random = new java.util.Random(1);

    private synchronized Scripted chaosAnswer() {
        double roll = random.nextDouble();
        if (roll < chaos.throttleRate()) {
            long now = System.nanoTime();
            demandedPauses.add(new long[]{now, now + chaos.retryAfterSeconds() * 1_000_000_000L});
            return Scripted.throttled(chaos.retryAfterSeconds());
        }
        if (roll < chaos.throttleRate() + chaos.unavailableRate()) {
            return Scripted.status(503);
        }
        return null;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Messages the bot posted (replies and proactive sends), in order. */
    public List<Call> messages() {
        return calls.stream().filter(Call::isActivityPost).toList();
    }

    /** Messages the connector accepted: what people actually received. */
    public List<Call> delivered() {
        return messages().stream().filter(Call::accepted).toList();
    }

    public List<Call> messagesTo(String conversationId) {
        return messages().stream().filter(c -> c.path().startsWith("/v3/conversations/" + conversationId + "/")).toList();
    }

    public void reset() {
        calls.clear();
        posted.set(0);
        answerDelayMillis = 0;
        chaos = null;
        demandedPauses.clear();
        script.clear();
        members.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
        Call call = new Call(method, path, body, exchange.getRequestHeaders().getFirst("Authorization"),
                new java.util.concurrent.atomic.AtomicInteger());
        current.set(call);
        if (keepsCalls) {
            calls.add(call);
        }
        java.util.function.Consumer<Call> told = listener;
        if (told != null) {
            told.accept(call);
        }
        if (call.isActivityPost()) {
            synchronized (posted) {
                posted.incrementAndGet();
                posted.notifyAll();
            }
        }
        if (answerDelayMillis > 0) {
            pause(answerDelayMillis);
        }

        Scripted scripted = method.equals("GET") ? null : script.poll();
        if (scripted == null && chaos != null && call.isActivityPost()) {
            scripted = chaosAnswer();
        }
        if (scripted != null) {
            if (scripted.delayMillis() > 0) {
                pause(scripted.delayMillis());
            }
            scripted.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            send(exchange, scripted.status(), scripted.body());
            return;
        }
        Matcher member = MEMBER.matcher(path);
        if (method.equals("GET") && member.matches()) {
            ObjectNode known = members.get(java.net.URLDecoder.decode(member.group(2), StandardCharsets.UTF_8));
            send(exchange, known == null ? 404 : 200, known == null ? "{\"error\":{\"code\":\"NotFound\"}}" : known.toString());
            return;
        }
        if (method.equals("GET") && MEMBERS.matcher(path).matches()) {
            List<JsonNode> all = new ArrayList<>(members.values());
            send(exchange, 200, path.endsWith("pagedmembers")
                    ? JSON.createObjectNode().set("members", JSON.valueToTree(all)).toString()
                    : JSON.valueToTree(all).toString());
            return;
        }
        if (method.equals("POST") && path.equals("/v3/conversations")) {
            send(exchange, 200, "{\"id\":\"a:created-" + ids.incrementAndGet() + "\"}");
            return;
        }
        if (ACTIVITIES.matcher(path).matches()) {
            switch (method) {
                case "POST", "PUT" -> send(exchange, 200, "{\"id\":\"act-" + ids.incrementAndGet() + "\"}");
                case "DELETE" -> send(exchange, 200, "");
                default -> send(exchange, 405, "{}");
            }
            return;
        }
        send(exchange, 404, "{}");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // simulates a slow connector; nothing waits on this to synchronise
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final ThreadLocal<Call> current = new ThreadLocal<>();

    private void send(HttpExchange exchange, int status, String body) throws IOException {
        Call call = current.get();
        if (call != null) {
            call.answered().set(status);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
