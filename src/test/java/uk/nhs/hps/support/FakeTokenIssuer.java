package uk.nhs.hps.support;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the Bot Framework token service: OpenID metadata and a JWKS with an RS256 test
 * key (endorsed for msteams), a client-credentials token endpoint for the bot's outgoing calls, and a
 * signer for the tokens Teams would send. One per JVM, because the SDK caches metadata statically.
 */
public final class FakeTokenIssuer {

    public static final String BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";
    public static final String KEY_ID = "hps-test-key";

    private static final FakeTokenIssuer INSTANCE = new FakeTokenIssuer();

    private final HttpServer server;
    private final KeyPair keys = TestSigning.newKeyPair();
    private final KeyPair strangerKeys = TestSigning.newKeyPair();
    private final AtomicInteger tokensIssued = new AtomicInteger();

    public static FakeTokenIssuer instance() {
        return INSTANCE;
    }

    private FakeTokenIssuer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/.well-known/openidconfiguration", exchange -> TestSigning.respond(exchange, """
                {"issuer":"%s","jwks_uri":"%s/v1/keys","id_token_signing_alg_values_supported":["RS256"]}"""
                .formatted(BOT_FRAMEWORK_ISSUER, baseUrl())));
        server.createContext("/v1/keys", exchange -> TestSigning.respond(exchange, jwks()));
        server.createContext("/token", exchange -> {
            tokensIssued.incrementAndGet();
            TestSigning.respond(exchange, "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"outgoing-test-token\"}");
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String openIdMetadataUrl() {
        return baseUrl() + "/v1/.well-known/openidconfiguration";
    }

    public String tokenEndpoint() {
        return baseUrl() + "/token";
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** A token exactly as the Bot Framework would send it to the bot. */
    public String channelToken(String appId, String serviceUrl) {
        return sign(claims(appId, serviceUrl), keys);
    }

    public JWTCreator.Builder claims(String appId, String serviceUrl) {
        Instant now = Instant.now();
        return JWT.create()
                .withKeyId(KEY_ID)
                .withIssuer(BOT_FRAMEWORK_ISSUER)
                .withAudience(appId)
                .withClaim("serviceurl", serviceUrl)
                .withNotBefore(java.util.Date.from(now.minusSeconds(60)))
                .withIssuedAt(java.util.Date.from(now.minusSeconds(60)))
                .withExpiresAt(java.util.Date.from(now.plusSeconds(3600)));
    }

    public String sign(JWTCreator.Builder claims) {
        return sign(claims, keys);
    }

    /** Signed with a key the issuer never published, under the published key id: a forgery. */
    public String forge(JWTCreator.Builder claims) {
        return sign(claims, strangerKeys);
    }

    private static String sign(JWTCreator.Builder claims, KeyPair pair) {
        return claims.sign(Algorithm.RSA256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate()));
    }

    private String jwks() {
        return TestSigning.jwks(KEY_ID, keys, "\"endorsements\":[\"msteams\",\"emulator\"]");
    }
}
