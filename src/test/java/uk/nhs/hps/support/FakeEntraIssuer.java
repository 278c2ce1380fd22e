package uk.nhs.hps.support;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local stand-in for Microsoft Entra ID: OpenID metadata at {issuer}/.well-known/openid-configuration,
 * a JWKS with an RS256 test key, and a signer for access tokens shaped like Entra's v2 tokens. It also plays the
 * browser sign-in (authorization code + PKCE): its authorize endpoint signs in whoever {@link #signInAs} names, at
 * once, and its token endpoint checks the client secret, the redirect URI and the PKCE verifier before it issues an
 * ID token carrying the nonce.
 */
public final class FakeEntraIssuer {

    public static final String AUDIENCE = "api://hps-companion-admin";
    public static final String KEY_ID = "entra-test-key";
    /** The console's client registration at this issuer. */
    public static final String CLIENT_ID = "00000000-0000-4000-8000-0000000c0501";
    public static final String CLIENT_SECRET = "console-client-secret-for-tests-only";
    private static final FakeEntraIssuer INSTANCE = new FakeEntraIssuer();

    private final HttpServer server;
    private final KeyPair keys = TestSigning.newKeyPair();
    private final KeyPair strangerKeys = TestSigning.newKeyPair();
    private final AtomicReference<TestUsers.User> signingIn = new AtomicReference<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final AtomicInteger redeemed = new AtomicInteger();

    private record Grant(TestUsers.User user, String clientId, String redirectUri, String nonce, String challenge) {
    }

    public static FakeEntraIssuer instance() {
        return INSTANCE;
    }

    private FakeEntraIssuer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/tenant/v2.0/.well-known/openid-configuration", exchange -> TestSigning.respond(exchange, """
                {"issuer":"%s","jwks_uri":"%s/tenant/discovery/v2.0/keys","id_token_signing_alg_values_supported":["RS256"],
                 "authorization_endpoint":"%s/tenant/oauth2/v2.0/authorize","token_endpoint":"%s/tenant/oauth2/v2.0/token",
                 "code_challenge_methods_supported":["S256"]}"""
                .formatted(issuer(), baseUrl(), baseUrl(), baseUrl())));
        server.createContext("/tenant/oauth2/v2.0/authorize", this::authorize);
        server.createContext("/tenant/oauth2/v2.0/token", this::token);
        server.createContext("/tenant/discovery/v2.0/keys", exchange -> TestSigning.respond(exchange, jwks()));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String issuer() {
        return baseUrl() + "/tenant/v2.0";
    }

    /** A valid access token for the user, for this API. */
    public String token(TestUsers.User user) {
        return sign(claims(user));
    }

    public JWTCreator.Builder claims(TestUsers.User user) {
        Instant now = Instant.now();
        return JWT.create()
                .withKeyId(KEY_ID)
                .withIssuer(issuer())
                .withAudience(AUDIENCE)
                .withSubject("sub-" + user.aadObjectId())
                .withClaim("oid", user.aadObjectId())
                .withClaim("tid", TestUsers.TENANT)
                .withClaim("preferred_username", user.email())
                .withIssuedAt(Date.from(now.minusSeconds(60)))
                .withNotBefore(Date.from(now.minusSeconds(60)))
                .withExpiresAt(Date.from(now.plusSeconds(3600)));
    }

    public String sign(JWTCreator.Builder claims) {
        return claims.sign(Algorithm.RSA256((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate()));
    }

    /** Signed with a key the issuer never published, under the published key id. */
    public String forge(JWTCreator.Builder claims) {
        return claims.sign(Algorithm.RSA256((RSAPublicKey) strangerKeys.getPublic(), (RSAPrivateKey) strangerKeys.getPrivate()));
    }

    /** Who the next browser sign-in at the authorize endpoint is (it asks nothing: the user is already signed in). */
    public void signInAs(TestUsers.User user) {
        signingIn.set(user);
    }

    /** How many authorization codes were redeemed for ID tokens. */
    public int codesRedeemed() {
        return redeemed.get();
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = form(exchange.getRequestURI().getRawQuery());
        TestUsers.User user = signingIn.get();
        String redirect = q.get("redirect_uri");
        if (user == null || redirect == null || !"code".equals(q.get("response_type")) || !"S256".equals(q.get("code_challenge_method"))
                || q.get("code_challenge") == null || q.get("nonce") == null || q.get("state") == null) {
            TestSigning.respond(exchange, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        grants.put(code, new Grant(user, q.get("client_id"), redirect, q.get("nonce"), q.get("code_challenge")));
        exchange.getResponseHeaders().add("Location", redirect + "?code=" + code + "&state="
                + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> f = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = f.get("code") == null ? null : grants.remove(f.get("code"));
        boolean ok = grant != null && "authorization_code".equals(f.get("grant_type")) && CLIENT_SECRET.equals(f.get("client_secret"))
                && grant.clientId().equals(f.get("client_id")) && grant.redirectUri().equals(f.get("redirect_uri"))
                && f.get("code_verifier") != null && grant.challenge().equals(s256(f.get("code_verifier")));
        if (!ok) {
            byte[] body = "{\"error\":\"invalid_grant\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            return;
        }
        redeemed.incrementAndGet();
        String idToken = sign(claims(grant.user()).withAudience(grant.clientId()).withClaim("nonce", grant.nonce())
                .withClaim("name", grant.user().name()));
        TestSigning.respond(exchange, "{\"token_type\":\"Bearer\",\"id_token\":\"" + idToken + "\",\"access_token\":\"unused\"}");
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded == null) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private String jwks() {
        return TestSigning.jwks(KEY_ID, keys, "");
    }
}
