package uk.nhs.hps.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.hps.delivery.AppInstaller;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * Installs HPS Companion as a personal app for a user, as Company Communicator does:
 * {@code POST /users/{id}/teamwork/installedApps} with the app's catalog id, under the application permission
 * TeamsAppInstallation.ReadWriteForUser.All, with a client-credentials token for Graph. 409 means it already is.
 */
@Singleton
class GraphAppInstaller implements AppInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(GraphAppInstaller.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCOPE = "https://graph.microsoft.com/.default";

    private final GraphSettings settings;
    private final Clock clock;
    private final HttpClient http;
    private String token;
    private Instant tokenUntil = Instant.MIN;

    GraphAppInstaller(GraphSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    @Override
    public Installation install(String tenantId, String aadObjectId) {
        try {
            String body = JSON.createObjectNode().put("teamsApp@odata.bind", settings.baseUrl()
                    + "/appCatalogs/teamsApps/" + settings.catalogAppId().trim()).toString();
            HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/users/"
                            + URLEncoder.encode(aadObjectId, StandardCharsets.UTF_8) + "/teamwork/installedApps"))
                    .timeout(settings.timeout())
                    .header("Authorization", "Bearer " + token())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return fromStatus(status);
        } catch (TokenRefused e) {
            return new Installation(Installation.Kind.FAILED, e.getMessage());
        } catch (IOException e) {
            return new Installation(Installation.Kind.RETRY, "Microsoft Graph could not be reached ("
                    + e.getClass().getSimpleName() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Installation(Installation.Kind.RETRY, "Interrupted while installing the app.");
        }
    }

    static Installation fromStatus(int status) {
        if (status == 200 || status == 201 || status == 204) {
            return new Installation(Installation.Kind.INSTALLED, "Installed through Microsoft Graph.");
        }
        if (status == 409) {
            return new Installation(Installation.Kind.ALREADY_INSTALLED, "Already installed.");
        }
        if (status == 429 || status >= 500) {
            return new Installation(Installation.Kind.RETRY, "Microsoft Graph answered HTTP " + status + ".");
        }
        if (status == 401 || status == 403) {
            return new Installation(Installation.Kind.FAILED, "Microsoft Graph refused (HTTP " + status + "): the app"
                    + " registration needs the application permission TeamsAppInstallation.ReadWriteForUser.All, with"
                    + " admin consent.");
        }
        if (status == 404) {
            return new Installation(Installation.Kind.FAILED, "Microsoft Graph found no such user or app (HTTP 404):"
                    + " check GRAPH_TEAMS_APP_CATALOG_ID and that the person's account is in this tenant.");
        }
        return new Installation(Installation.Kind.FAILED, "Microsoft Graph answered HTTP " + status + ".");
    }

    /** A client-credentials token for Graph, reused until a minute before it expires. */
    private synchronized String token() throws IOException, InterruptedException {
        if (token != null && clock.instant().isBefore(tokenUntil)) {
            return token;
        }
        String form = "grant_type=client_credentials&scope=" + URLEncoder.encode(SCOPE, StandardCharsets.UTF_8)
                + "&client_id=" + URLEncoder.encode(settings.clientId().trim(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(settings.clientSecret(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.tokenEndpointOrEntra()))
                .timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) {
            throw new IOException("token endpoint answered " + response.statusCode());
        }
        if (response.statusCode() != 200) {
            // the body may echo request details: only the status is logged
            LOG.warn("Graph token request refused with HTTP {}", response.statusCode());
            throw new TokenRefused("No token for Microsoft Graph (HTTP " + response.statusCode() + "): check the"
                    + " app registration's client id and secret.");
        }
        JsonNode body = JSON.readTree(response.body());
        token = body.path("access_token").asText();
        tokenUntil = clock.instant().plusSeconds(Math.max(0, body.path("expires_in").asLong(300) - 60));
        return token;
    }

    private static final class TokenRefused extends RuntimeException {
        TokenRefused(String message) {
            super(message);
        }
    }
}
