package uk.nhs.hps.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.hps.access.EntraJwt;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Entra ID OpenID Connect sign-in, authorization code flow with PKCE (S256) and a nonce, confidential client (the
 * secret comes from the environment). The state is single use, bound to the browser by a cookie and kept in
 * {@code console_sign_in} so any instance can finish a sign-in another began. The ID token is checked like the admin
 * API's tokens: RS256 against the issuer's keys, exact issuer, audience = our client id, expiry, and the tenant.
 */
@Singleton
class EntraSignIn {

    /** Where to send the browser, and the value of the cookie that binds the state to it. */
    record Redirect(String url, String stateCookie) {
    }

    /** Who Entra ID says signed in. */
    record Identity(String tenantId, String objectId, @Nullable String email, @Nullable String returnTo) {
    }

    /** A sign-in that cannot complete, worded for the person. */
    static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    private record Metadata(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri) {
    }

    private record Pending(String codeVerifier, String nonce, @Nullable String returnTo, Instant createdAt) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(EntraSignIn.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConsoleOidcSettings settings;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Metadata metadata;
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    EntraSignIn(ConsoleOidcSettings settings, TransactionOperations<Connection> transactions, Clock clock) {
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    boolean configured() {
        return settings.configured();
    }

    Redirect begin(@Nullable String returnTo) throws Failed {
        Metadata m = metadata();
        String state = ConsoleSessions.randomToken();
        String verifier = ConsoleSessions.randomToken() + ConsoleSessions.randomToken();
        String nonce = ConsoleSessions.randomToken();
        Instant now = clock.instant();
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM console_sign_in WHERE created_at < ?");
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO console_sign_in (state_hash, code_verifier, nonce, return_to, created_at) VALUES (?, ?, ?, ?, ?)")) {
                purge.setObject(1, ConsoleSessions.utc(now.minus(settings.signInWindow())));
                purge.executeUpdate();
                insert.setString(1, ConsoleSessions.hash(state));
                insert.setString(2, verifier);
                insert.setString(3, nonce);
                insert.setString(4, returnTo);
                insert.setObject(5, ConsoleSessions.utc(now));
                insert.executeUpdate();
            }
            return null;
        });
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", settings.clientId().trim());
        query.put("response_type", "code");
        query.put("redirect_uri", settings.redirectUri().trim());
        query.put("response_mode", "query");
        query.put("scope", "openid profile email");
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        String separator = m.authorizationEndpoint().contains("?") ? "&" : "?";
        return new Redirect(m.authorizationEndpoint() + separator + form(query), state);
    }

    Identity complete(@Nullable String code, @Nullable String state, @Nullable String stateCookie) throws Failed {
        if (code == null || code.isBlank() || state == null || state.isBlank()) {
            throw new Failed("The sign-in came back without a code. Please try again.");
        }
        if (stateCookie == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8), stateCookie.getBytes(StandardCharsets.UTF_8))) {
            throw new Failed("This sign-in was not started in this browser. Please start again.");
        }
        Pending pending = take(state).orElseThrow(() -> new Failed("This sign-in has already been used or has expired. Please start again."));
        if (clock.instant().isAfter(pending.createdAt().plus(settings.signInWindow()))) {
            throw new Failed("This sign-in took too long and has expired. Please start again.");
        }
        String idToken = redeem(code, pending.codeVerifier());
        JWTClaimsSet claims;
        try {
            claims = processor().process(idToken, null);
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            LOG.info("Console ID token refused: {}", e.getClass().getSimpleName());
            throw new Failed("Microsoft's answer could not be verified, so you are not signed in.");
        }
        if (!pending.nonce().equals(string(claims, "nonce"))) {
            throw new Failed("Microsoft's answer does not belong to this sign-in, so you are not signed in.");
        }
        String oid = string(claims, "oid");
        String tid = string(claims, "tid");
        if (oid == null || tid == null) {
            throw new Failed("Microsoft's answer names no user, so you are not signed in.");
        }
        if (settings.checksTenant() && !tid.equalsIgnoreCase(settings.tenantId().trim())) {
            throw new Failed("Your account is from an organisation this console does not serve.");
        }
        String email = Optional.ofNullable(string(claims, "email")).or(() -> Optional.ofNullable(string(claims, "preferred_username")))
                .orElse(string(claims, "upn"));
        return new Identity(tid, oid, email, pending.returnTo());
    }

    private Optional<Pending> take(String state) {
        String key = ConsoleSessions.hash(state);
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT code_verifier, nonce, return_to, created_at FROM console_sign_in WHERE state_hash = ? FOR UPDATE");
                 PreparedStatement d = c.prepareStatement("DELETE FROM console_sign_in WHERE state_hash = ?")) {
                s.setString(1, key);
                Pending pending;
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Pending>empty();
                    }
                    pending = new Pending(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant());
                }
                d.setString(1, key);
                // single use: of two callbacks racing with one state, only the one that deletes the row goes on
                return d.executeUpdate() == 1 ? Optional.of(pending) : Optional.<Pending>empty();
            }
        });
    }

    private String redeem(String code, String verifier) throws Failed {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", settings.redirectUri().trim());
        body.put("client_id", settings.clientId().trim());
        body.put("client_secret", settings.clientSecret().trim());
        body.put("code_verifier", verifier);
        body.put("scope", "openid profile email");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(metadata().tokenEndpoint()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(body))).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode token = JSON.readTree(response.body()).path("id_token");
            if (response.statusCode() != 200 || !token.isTextual()) {
                LOG.info("Console sign-in: the token endpoint answered {}", response.statusCode());
                throw new Failed("Microsoft did not accept this sign-in. Please start again.");
            }
            return token.asText();
        } catch (IOException | IllegalArgumentException e) {
            throw new Failed("Microsoft's sign-in service could not be reached. Please try again in a moment.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("The sign-in was interrupted. Please try again.");
        }
    }

    private Metadata metadata() throws Failed {
        Metadata m = metadata;
        if (m != null) {
            return m;
        }
        if (!settings.configured()) {
            throw new Failed("Sign-in with Microsoft is not set up on this service (CONSOLE_OIDC_* settings).");
        }
        String issuer = settings.issuer().trim();
        String url = (issuer.endsWith("/") ? issuer : issuer + "/") + ".well-known/openid-configuration";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !json.path("authorization_endpoint").isTextual()
                    || !json.path("token_endpoint").isTextual() || !json.path("jwks_uri").isTextual()) {
                throw new Failed("Microsoft's sign-in service is not answering as expected. Please try again later.");
            }
            m = new Metadata(json.path("issuer").asText(issuer), json.path("authorization_endpoint").asText(),
                    json.path("token_endpoint").asText(), json.path("jwks_uri").asText());
            metadata = m;
            return m;
        } catch (IOException | IllegalArgumentException e) {
            throw new Failed("Microsoft's sign-in service could not be reached. Please try again in a moment.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("The sign-in was interrupted. Please try again.");
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor() throws Failed {
        DefaultJWTProcessor<SecurityContext> p = processor;
        if (p != null) {
            return p;
        }
        Metadata m = metadata();
        try {
            p = EntraJwt.processor(settings.issuer().trim(), m.jwksUri(), Set.of(settings.clientId().trim()),
                    new JWTClaimsSet.Builder().issuer(settings.issuer().trim()).build(), Set.of("exp", "iat", "oid", "tid", "nonce"),
                    Duration.ofSeconds(60));
        } catch (EntraJwt.Unavailable e) {
            throw new Failed("Microsoft's signing keys are unavailable. Please try again later.");
        }
        processor = p;
        return p;
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String string(JWTClaimsSet claims, String name) {
        return EntraJwt.string(claims, name);
    }
}
