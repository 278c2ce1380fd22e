package uk.nhs.hps.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Credentials for calls to the Bot Connector. Single-tenant registrations need the tenant in the token
 * authority, which the SDK's adapter does not pass; and when a token endpoint is configured (tests,
 * sovereign clouds) the client-credentials grant is made directly against it instead of through MSAL.
 */
class TenantCredentials extends MicrosoftAppCredentials {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String tokenEndpoint;
    private final HttpClient http;
    private String cachedToken;
    private Instant cachedUntil = Instant.MIN;

    TenantCredentials(String appId, String password, String tenantId, String scope, String tokenEndpoint,
                      Duration timeout) {
        super(appId, password, blankToNull(tenantId), scope);
        this.tokenEndpoint = blankToNull(tokenEndpoint);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public CompletableFuture<String> getToken() {
        if (tokenEndpoint == null) {
            return super.getToken();
        }
        String cached = cachedToken();
        // every connector call asks: answer from the cache on the caller's thread, fetch on another only when due
        return cached != null ? CompletableFuture.completedFuture(cached)
                : CompletableFuture.supplyAsync(this::clientCredentialsToken);
    }

    private synchronized String cachedToken() {
        return cachedToken != null && Instant.now().isBefore(cachedUntil) ? cachedToken : null;
    }

    private synchronized String clientCredentialsToken() {
        String cached = cachedToken();
        if (cached != null) {
            return cached;
        }
        String form = "grant_type=client_credentials"
                + "&client_id=" + encode(getAppId())
                + "&client_secret=" + encode(getAppPassword())
                + "&scope=" + encode(oAuthScope().endsWith("/.default") ? oAuthScope() : oAuthScope() + "/.default");
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Token endpoint answered HTTP " + response.statusCode());
            }
            JsonNode body = JSON.readTree(response.body());
            cachedToken = body.path("access_token").asText();
            long lifetime = body.path("expires_in").asLong(3600);
            // Renew five minutes early so a token never expires in flight.
            cachedUntil = Instant.now().plusSeconds(Math.max(0, lifetime - 300));
            return cachedToken;
        } catch (IOException e) {
            throw new IllegalStateException("Token endpoint unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while fetching a token", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
