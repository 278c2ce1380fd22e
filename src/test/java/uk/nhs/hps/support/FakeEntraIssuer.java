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
import java.util.Date;

/**
 * A local stand-in for Microsoft Entra ID: OpenID metadata at {issuer}/.well-known/openid-configuration,
 * a JWKS with an RS256 test key, and a signer for access tokens shaped like Entra's v2 tokens.
 */
public final class FakeEntraIssuer {

    public static final String AUDIENCE = "api://hps-companion-admin";
    public static final String KEY_ID = "entra-test-key";
    private static final FakeEntraIssuer INSTANCE = new FakeEntraIssuer();

    private final HttpServer server;
    private final KeyPair keys = TestSigning.newKeyPair();
    private final KeyPair strangerKeys = TestSigning.newKeyPair();

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
                {"issuer":"%s","jwks_uri":"%s/tenant/discovery/v2.0/keys","id_token_signing_alg_values_supported":["RS256"]}"""
                .formatted(issuer(), baseUrl())));
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

    private String jwks() {
        return TestSigning.jwks(KEY_ID, keys, "");
    }
}
