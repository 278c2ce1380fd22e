package uk.nhs.hps.admin;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.BotTestBase;
import uk.nhs.hps.support.TestDatabases;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /prometheus} is not public: the metrics token, or the management port (issue 10, section 7). */
@MicronautTest(transactional = false)
class MetricsAccessTest extends BotTestBase {

    private static final String TOKEN = "metrics-token-for-tests";
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("metrics.token", TOKEN);
    }

    @Test
    void metricsWithoutATokenAreRefused() throws Exception {
        HttpResponse<String> response = get(server.getURL() + "/prometheus", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("jvm_");
    }

    @Test
    void metricsWithAWrongTokenAreRefused() throws Exception {
        assertThat(get(server.getURL() + "/prometheus", "Bearer not-the-token").statusCode()).isEqualTo(401);
    }

    @Test
    void metricsWithTheTokenAreServed() throws Exception {
        HttpResponse<String> response = get(server.getURL() + "/prometheus", "Bearer " + TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_");
    }

    @Test
    void healthStaysPublic() throws Exception {
        assertThat(get(server.getURL() + "/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void withNoTokenConfiguredMetricsAreRefusedOnThePublicPort() throws Exception {
        try (EmbeddedServer other = startServer(Map.of())) {
            assertThat(get(other.getURL() + "/prometheus", null).statusCode()).isEqualTo(401);
            assertThat(get(other.getURL() + "/prometheus", "Bearer ").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void withAManagementPortMetricsAreServedThereAndNotOnThePublicPort() throws Exception {
        int managementPort = freePort();
        try (EmbeddedServer other = startServer(Map.of("endpoints.all.port", String.valueOf(managementPort)))) {
            HttpResponse<String> onManagementPort = get("http://localhost:" + managementPort + "/prometheus", null);
            HttpResponse<String> onPublicPort = get(other.getURL() + "/prometheus", null);

            assertThat(onManagementPort.statusCode()).isEqualTo(200);
            assertThat(onManagementPort.body()).contains("jvm_");
            assertThat(onPublicPort.statusCode()).isIn(401, 404);
        }
    }

    private EmbeddedServer startServer(Map<String, String> extra) {
        // this test's own settings, on a fresh database, without the metrics token
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.putAll(TestDatabases.h2());
        properties.remove("metrics.token");
        properties.putAll(extra);
        return ApplicationContext.run(EmbeddedServer.class, properties);
    }

    /** A port free right now, for the management server (the public one binds a random port itself). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
