package uk.nhs.hps.console;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.hps.access.EntraJwt;

import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Verifies the Entra ID access token Teams single sign-on gives the console's tab ({@code getAuthToken}), as the
 * admin API verifies its bearer tokens: RS256 against the issuer's published keys, one of the tenant's issuers, our
 * app as audience, expiry and not-before, the tenant; and, because the token is delegated, that it carries our
 * {@code access_as_user} scope and was asked for by Teams itself.
 */
@Singleton
class TeamsTokens {

    /** Who the token names. */
    record Identity(String tenantId, String objectId, @Nullable String email) {
    }

    /** Why a token was refused, worded for the person on the tab. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TeamsTokens.class);

    private final ConsoleTeamsSettings settings;
    private final EntraJwt.OnFirstUse processor = new EntraJwt.OnFirstUse(this::build);

    TeamsTokens(ConsoleTeamsSettings settings) {
        this.settings = settings;
    }

    boolean configured() {
        return settings.configured();
    }

    Identity verify(@Nullable String token) throws Refused {
        if (!settings.configured()) {
            throw new Refused("Signing in from Teams is not set up on this service (the TEAMS_SSO_* settings).");
        }
        if (token == null || token.isBlank() || token.length() > 20_000) {
            throw new Refused("Teams did not send a sign-in token.");
        }
        JWTClaimsSet claims;
        try {
            claims = processor().process(token.trim(), null);
        } catch (ParseException e) {
            throw refused("not a JWT", "Teams sent something that is not a sign-in token.");
        } catch (BadJWTException e) {
            throw refused(e.getMessage(), claimProblem(e.getMessage()));
        } catch (BadJOSEException e) {
            throw refused("signature", "Your Teams sign-in could not be verified with Microsoft's keys.");
        } catch (JOSEException | RuntimeException e) {
            throw refused(e.getClass().getSimpleName(), "Your Teams sign-in could not be checked just now. Please try again in a moment.");
        }
        if (!settings.acceptedIssuers().contains(string(claims, "iss"))) {
            throw refused("issuer", "Your Teams sign-in comes from an issuer this console does not trust.");
        }
        String tid = string(claims, "tid");
        if (settings.checksTenant() && !settings.tenantId().trim().equalsIgnoreCase(tid)) {
            throw refused("tenant", "Your account is from an organisation this console does not serve.");
        }
        String scopes = string(claims, "scp");
        if (scopes == null || !Arrays.asList(scopes.split(" ")).contains(settings.scope())) {
            throw refused("scope", "Your Teams sign-in is not for the console (it lacks the " + settings.scope() + " permission).");
        }
        String client = string(claims, "azp") != null ? string(claims, "azp") : string(claims, "appid");
        List<String> clients = settings.clientApps().stream().filter(ConsoleTeamsSettings::present).map(String::trim).toList();
        if (!clients.isEmpty() && (client == null || clients.stream().noneMatch(client::equalsIgnoreCase))) {
            throw refused("client app", "Your sign-in came from an app other than Microsoft Teams, so it was not accepted here.");
        }
        String oid = string(claims, "oid");
        if (oid == null || tid == null) {
            throw refused("no oid/tid", "Your Teams sign-in names no user.");
        }
        String email = string(claims, "email") != null ? string(claims, "email")
                : string(claims, "preferred_username") != null ? string(claims, "preferred_username") : string(claims, "upn");
        return new Identity(tid, oid, email);
    }

    /** Only the kind of failure is logged: the token and who it names are not. */
    private static Refused refused(String logged, String forPerson) {
        LOG.info("Console Teams token refused: {}", logged);
        return new Refused(forPerson);
    }

    private static String claimProblem(@Nullable String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("expired")) {
            return "Your Teams sign-in has expired. Please reload the tab.";
        }
        if (m.contains("audience")) {
            return "Your Teams sign-in is for another app, not this console.";
        }
        if (m.contains("before use time")) {
            return "Your Teams sign-in is not valid yet. Please check your device's clock and reload the tab.";
        }
        return "Your Teams sign-in was refused.";
    }

    private DefaultJWTProcessor<SecurityContext> processor() throws Refused {
        try {
            return processor.get();
        } catch (EntraJwt.Unavailable e) {
            throw refused(e.getMessage(), "Microsoft's sign-in service could not be reached. Please try again in a moment.");
        }
    }

    // the issuer is one of several (v1 and v2 tokens), so it is checked after, not as an exact-match claim
    private DefaultJWTProcessor<SecurityContext> build() throws EntraJwt.Unavailable {
        return EntraJwt.processor(settings.acceptedIssuers().get(0), settings.jwksUri(), Set.copyOf(settings.audiences()),
                new JWTClaimsSet.Builder().build(), Set.of("exp", "iat", "iss", "oid", "tid"), settings.clockSkew());
    }

    private static String string(JWTClaimsSet claims, String name) {
        return EntraJwt.string(claims, name);
    }
}
