package uk.nhs.hps.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local Microsoft Graph for app installation: a client-credentials token endpoint and
 * {@code POST /v1.0/users/{id}/teamwork/installedApps}, answering 201 (or what a test scripts) and recording calls.
 */
public final class FakeGraph implements AutoCloseable {

    public static final String TOKEN = "graph-token-for-tests";

    /** One request Graph received. */
    public record Call(String path, String authorization, String body) {
        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpServer server;
    private final List<Call> installs = new CopyOnWriteArrayList<>();
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private final Queue<Integer> script = new ConcurrentLinkedQueue<>();

    public FakeGraph() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1.0";
    }

    public String tokenEndpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** The settings that point the service's Graph installer here. */
    public Map<String, String> properties(String catalogAppId) {
        return Map.of("graph.base-url", baseUrl(), "graph.token-endpoint", tokenEndpoint(),
                "graph.catalog-app-id", catalogAppId);
    }

    /** The next installation requests answer these statuses, in order; then 201 again. */
    public void answer(Integer... statuses) {
        script.addAll(List.of(statuses));
    }

    public List<Call> installs() {
        return List.copyOf(installs);
    }

    public List<String> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    public void reset() {
        installs.clear();
        tokenRequests.clear();
        script.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (exchange.getRequestMethod().equals("POST") && path.equals("/token")) {
            tokenRequests.add(body);
            send(exchange, 200, "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"" + TOKEN + "\"}");
            return;
        }
        if (exchange.getRequestMethod().equals("POST") && path.matches("/v1\\.0/users/[^/]+/teamwork/installedApps")) {
            installs.add(new Call(path, exchange.getRequestHeaders().getFirst("Authorization"), body));
            Integer status = script.poll();
            send(exchange, status == null ? 201 : status, status == null || status < 300 ? "{}"
                    : "{\"error\":{\"code\":\"Scripted\",\"message\":\"scripted " + status + "\"}}");
            return;
        }
        send(exchange, 404, "{}");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
