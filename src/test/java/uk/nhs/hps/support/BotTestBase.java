package uk.nhs.hps.support;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * Base for tests that talk to the bot exactly as Teams does: signed activities over real HTTP to
 * /api/messages, replies captured by a local Bot Connector. Subclasses annotate themselves with
 * {@code @MicronautTest} and may add properties by overriding {@link #extraProperties()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BotTestBase implements TestPropertyProvider {

    public static final String APP_ID = "00000000-0000-4000-8000-00000000b0b1";

    protected final FakeTokenIssuer issuer = FakeTokenIssuer.instance();
    protected final FakeBotConnector connector = new FakeBotConnector();
    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    protected EmbeddedServer server;
    @Inject
    protected uk.nhs.hps.delivery.DispatchingOutbox dispatching;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(database());
        // a random free port: application.yml fixes 3978, which other test runs on this machine may hold
        properties.put("micronaut.server.port", "-1");
        properties.put("teams.app-id", APP_ID);
        properties.put("teams.app-password", "test-password-not-a-secret");
        properties.put("teams.app-tenant-id", TestUsers.TENANT);
        properties.put("teams.open-id-metadata", issuer.openIdMetadataUrl());
        properties.put("teams.token-endpoint", issuer.tokenEndpoint());
        properties.put("teams.default-service-url", connector.serviceUrl());
        // proactive messages are delivered when a test says so (deliverOutbox), never by a background race
        properties.put("delivery.dispatcher-enabled", "false");
        // Quartz stays off: tests call the scheduled use cases directly, with an injected clock
        properties.put("scheduling.enabled", "false");
        properties.putAll(extraProperties());
        return properties;
    }

    protected Map<String, String> database() {
        return TestDatabases.h2();
    }

    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    @BeforeEach
    void forgetEarlierCalls() {
        connector.reset();
    }

    @AfterAll
    void stopConnector() {
        connector.close();
    }

    /** Runs dispatch passes until the outbox has nothing due: what the background dispatcher would do. */
    protected void deliverOutbox() {
        while (dispatching.dispatchDue().claimed() > 0) {
            // next pass
        }
    }

    /** Sends an activity signed as the Bot Framework would sign it, addressed to the local connector. */
    protected HttpResponse<String> send(Activities activity) {
        activity.serviceUrl(connector.serviceUrl());
        return post(activity.json(), "Bearer " + issuer.channelToken(APP_ID, connector.serviceUrl()));
    }

    protected HttpResponse<String> post(String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/api/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
