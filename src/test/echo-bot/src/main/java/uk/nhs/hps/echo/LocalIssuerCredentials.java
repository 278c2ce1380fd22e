package uk.nhs.hps.echo;

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
import java.util.concurrent.CompletableFuture;

/**
 * The client-credentials grant against the benchmark's token issuer. Fetched once and kept for the run (the
 * benchmark's tokens last an hour), as MSAL's cache would keep a real one: the echo pays no token cost per turn.
 */
final class LocalIssuerCredentials extends MicrosoftAppCredentials {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String tokenEndpoint;
    private volatile CompletableFuture<String> token;

    LocalIssuerCredentials(String appId, String password, String scope, String tokenEndpoint) {
        super(appId, password, null, scope);
        this.tokenEndpoint = tokenEndpoint;
    }

    @Override
    public CompletableFuture<String> getToken() {
        CompletableFuture<String> known = token;
        if (known == null) {
            synchronized (this) {
                if (token == null) {
                    token = CompletableFuture.completedFuture(fetch());
                }
                known = token;
            }
        }
        return known;
    }

    private String fetch() {
        String form = "grant_type=client_credentials&client_id=" + encode(getAppId()) + "&client_secret="
                + encode(getAppPassword()) + "&scope=" + encode(oAuthScope() + "/.default");
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            return body.path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Token endpoint unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
