package uk.nhs.hps.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * How every Entra ID token this service accepts is checked (the admin API's bearer tokens, the console's Teams
 * tab tokens): RS256 only, against the issuer's published keys (cached, refreshed on an unknown key id), found from
 * the issuer's OpenID metadata unless given; the accepted audiences, the exact-match and required claims, and the
 * clock skew allowed for exp and nbf.
 */
public final class EntraJwt {

    /** The issuer's metadata or keys could not be had; the message says which, for an API caller. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /** Builds a processor; may fetch the issuer's metadata, so it is run on first use, not at start-up. */
    @FunctionalInterface
    public interface Build {
        DefaultJWTProcessor<SecurityContext> processor() throws Unavailable;
    }

    /**
     * A processor built on first use and then kept: building it may reach the issuer, which should not happen at
     * start-up or on every token. A build that fails is tried again on the next token.
     */
    public static final class OnFirstUse {
        private final Build build;
        private volatile DefaultJWTProcessor<SecurityContext> processor;

        public OnFirstUse(Build build) {
            this.build = build;
        }

        public DefaultJWTProcessor<SecurityContext> get() throws Unavailable {
            DefaultJWTProcessor<SecurityContext> p = processor;
            if (p != null) {
                return p;
            }
            synchronized (this) {
                if (processor == null) {
                    processor = build.processor();
                }
                return processor;
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private EntraJwt() {
    }

    public static DefaultJWTProcessor<SecurityContext> processor(String issuer, @Nullable String jwksUri, Set<String> audiences,
                                                                 JWTClaimsSet exactMatch, Set<String> required,
                                                                 Duration clockSkew) throws Unavailable {
        String keys = jwksUri != null && !jwksUri.isBlank() ? jwksUri.trim() : discoverKeys(issuer);
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        try {
            p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                    JWKSourceBuilder.create(URI.create(keys).toURL()).retrying(true).build()));
        } catch (IOException | IllegalArgumentException e) {
            throw new Unavailable("The token could not be verified: the issuer's keys are unavailable.");
        }
        // nimbus asks these sets whether they contain null, which immutable Set.of() rejects
        DefaultJWTClaimsVerifier<SecurityContext> verifier = new DefaultJWTClaimsVerifier<>(
                new HashSet<>(audiences), exactMatch, new HashSet<>(required), new HashSet<>());
        verifier.setMaxClockSkew((int) clockSkew.toSeconds());
        p.setJWTClaimsSetVerifier(verifier);
        return p;
    }

    private static String discoverKeys(String issuer) throws Unavailable {
        String metadata = (issuer.endsWith("/") ? issuer : issuer + "/") + ".well-known/openid-configuration";
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(URI.create(metadata)).timeout(Duration.ofSeconds(10)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode uri = JSON.readTree(response.body()).path("jwks_uri");
            if (response.statusCode() != 200 || !uri.isTextual()) {
                throw new Unavailable("The token could not be verified: the issuer's metadata has no jwks_uri.");
            }
            return uri.asText();
        } catch (IOException | IllegalArgumentException e) {
            throw new Unavailable("The token could not be verified: the issuer's metadata is unavailable.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("Interrupted while fetching the issuer's metadata.");
        }
    }

    /** A string claim, trimmed; null when absent, blank or not a string. */
    @Nullable
    public static String string(JWTClaimsSet claims, String name) {
        try {
            String value = claims.getStringClaim(name);
            return value == null || value.isBlank() ? null : value.trim();
        } catch (ParseException e) {
            return null;
        }
    }
}
