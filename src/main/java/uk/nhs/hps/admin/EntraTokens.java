package uk.nhs.hps.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Verifies Microsoft Entra ID access tokens: RS256 signature against the issuer's published keys
 * (cached, refreshed on unknown key id), exact issuer, audience, expiry and not-before.
 */
@Singleton
class EntraTokens {

    /**
     * The identity a verified token carries: the tenant and object id identify the user; the address is an
     * editable claim, used only to bind a person the first time (see {@link AdminAuthFilter}).
     */
    record Identity(String tenantId, String objectId, @Nullable String email) {
    }

    /** Why a token was refused, worded for the caller. */
    static final class Rejected extends Exception {
        Rejected(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminAuthSettings settings;
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    EntraTokens(AdminAuthSettings settings) {
        this.settings = settings;
    }

    Identity verify(String token) throws Rejected {
        if (!settings.configured()) {
            throw new Rejected("Admin API authentication is not configured (ADMIN_AUTH_ISSUER and ADMIN_AUTH_AUDIENCE).");
        }
        JWTClaimsSet claims;
        try {
            claims = processor().process(token, null);
        } catch (ParseException e) {
            throw new Rejected("The bearer token is not a JWT.");
        } catch (BadJWTException e) {
            throw new Rejected(claimProblem(e.getMessage()));
        } catch (BadJOSEException e) {
            throw new Rejected("The token's signature could not be verified with the issuer's keys.");
        } catch (JOSEException e) {
            throw new Rejected("The token could not be verified: the issuer's keys are unavailable.");
        } catch (RuntimeException e) {
            throw new Rejected("The token could not be verified.");
        }
        String oid = stringClaim(claims, "oid");
        String tid = stringClaim(claims, "tid");
        String email = firstNonBlank(stringClaim(claims, "email"), stringClaim(claims, "preferred_username"),
                stringClaim(claims, "upn"));
        if (oid == null) {
            throw new Rejected("The token names no user (no oid claim).");
        }
        if (tid == null) {
            throw new Rejected("The token names no tenant (no tid claim).");
        }
        if (settings.checksTenant() && !tid.equalsIgnoreCase(settings.tenantId().trim())) {
            throw new Rejected("The token is from a tenant this API does not serve.");
        }
        return new Identity(tid, oid, email);
    }

    private static String claimProblem(String message) {
        String m = message == null ? "" : message.toLowerCase();
        if (m.contains("expired")) {
            return "The token has expired.";
        }
        if (m.contains("audience")) {
            return "The token is for another audience, not this API.";
        }
        if (m.contains("iss")) {
            return "The token is from an issuer this API does not trust.";
        }
        if (m.contains("before use time") || m.contains("nbf")) {
            return "The token is not valid yet.";
        }
        if (m.contains("missing required")) {
            return "The token is missing required claims (exp, iat).";
        }
        return "The token was refused.";
    }

    private DefaultJWTProcessor<SecurityContext> processor() throws Rejected {
        DefaultJWTProcessor<SecurityContext> p = processor;
        if (p != null) {
            return p;
        }
        synchronized (this) {
            if (processor == null) {
                processor = build();
            }
            return processor;
        }
    }

    private DefaultJWTProcessor<SecurityContext> build() throws Rejected {
        URL jwks;
        try {
            jwks = URI.create(jwksUri()).toURL();
        } catch (IOException | IllegalArgumentException e) {
            throw new Rejected("The token could not be verified: the issuer's keys are unavailable.");
        }
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(jwks).retrying(true).build();
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> verifier = new DefaultJWTClaimsVerifier<>(
                // nimbus asks these sets whether they contain null, which immutable Set.of() rejects
                new HashSet<>(Set.of(settings.audience().trim())),
                new JWTClaimsSet.Builder().issuer(settings.issuer().trim()).build(),
                new HashSet<>(Set.of("exp", "iat")),
                new HashSet<>());
        verifier.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        p.setJWTClaimsSetVerifier(verifier);
        return p;
    }

    private String jwksUri() throws Rejected {
        if (settings.jwksUri() != null && !settings.jwksUri().isBlank()) {
            return settings.jwksUri().trim();
        }
        String issuer = settings.issuer().trim();
        String metadata = (issuer.endsWith("/") ? issuer : issuer + "/") + ".well-known/openid-configuration";
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(URI.create(metadata)).timeout(Duration.ofSeconds(10)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode uri = JSON.readTree(response.body()).path("jwks_uri");
            if (response.statusCode() != 200 || !uri.isTextual()) {
                throw new Rejected("The token could not be verified: the issuer's metadata has no jwks_uri.");
            }
            return uri.asText();
        } catch (IOException | IllegalArgumentException e) {
            throw new Rejected("The token could not be verified: the issuer's metadata is unavailable.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Rejected("Interrupted while fetching the issuer's metadata.");
        }
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        try {
            String value = claims.getStringClaim(name);
            return value == null || value.isBlank() ? null : value.trim();
        } catch (ParseException e) {
            return null;
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
