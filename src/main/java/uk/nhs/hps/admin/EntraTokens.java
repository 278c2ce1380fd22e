package uk.nhs.hps.admin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.EntraJwt;

import java.text.ParseException;
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

    private final AdminAuthSettings settings;
    private final EntraJwt.OnFirstUse processor = new EntraJwt.OnFirstUse(this::build);

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
        try {
            return processor.get();
        } catch (EntraJwt.Unavailable e) {
            throw new Rejected(e.getMessage());
        }
    }

    private DefaultJWTProcessor<SecurityContext> build() throws EntraJwt.Unavailable {
        return EntraJwt.processor(settings.issuer().trim(), settings.jwksUri(), Set.of(settings.audience().trim()),
                new JWTClaimsSet.Builder().issuer(settings.issuer().trim()).build(), Set.of("exp", "iat"), settings.clockSkew());
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        return EntraJwt.string(claims, name);
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
