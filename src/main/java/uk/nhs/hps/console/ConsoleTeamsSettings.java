package uk.nhs.hps.console;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code console.teams.*}: signing in to the console's Teams tab with Teams single sign-on. Teams gives the tab an
 * Entra ID access token for our app registration's {@code access_as_user} scope; it is checked like the admin API's
 * tokens (signature, issuer, audience, expiry, tenant).
 *
 * @param clientId         the app registration's client id, the manifest's {@code webApplicationInfo.id}
 *                         (TEAMS_SSO_CLIENT_ID, defaulting to MICROSOFT_APP_ID)
 * @param applicationIdUri its Application ID URI, {@code api://{host}/{client id}}, the manifest's
 *                         {@code webApplicationInfo.resource} (TEAMS_SSO_RESOURCE): the audience of v1 tokens; v2
 *                         tokens carry the client id, which is always accepted
 * @param tenantId         the tenant whose users may sign in; a token's {@code tid} must equal it
 * @param issuers          accepted issuers; blank means the tenant's own, v2
 *                         ({@code https://login.microsoftonline.com/{tenant}/v2.0}) and v1 ({@code https://sts.windows.net/{tenant}/})
 * @param jwksUri          the signing keys; blank discovers them from the first issuer's OpenID metadata
 * @param clientApps       the client ids allowed to have asked for the token ({@code azp}, or {@code appid} in v1
 *                         tokens): Teams desktop and mobile, and Teams on the web; empty accepts any
 * @param scope            the delegated scope the token must carry ({@code scp})
 * @param clockSkew        tolerance for exp and nbf
 */
@ConfigurationProperties("console.teams")
public record ConsoleTeamsSettings(
        @Nullable String clientId,
        @Nullable String applicationIdUri,
        @Nullable String tenantId,
        @Nullable List<String> issuers,
        @Nullable String jwksUri,
        @Bindable(defaultValue = "1fec8e78-bce4-4aaf-ab1b-5451cc387264,5e3ce6c0-2b1f-4285-8d4b-75ee78787346") List<String> clientApps,
        @Bindable(defaultValue = "access_as_user") String scope,
        @Bindable(defaultValue = "60s") Duration clockSkew) {

    boolean configured() {
        return present(clientId) && (present(tenantId) || !acceptedIssuers().isEmpty());
    }

    /** The configured issuers, else the tenant's v2 and v1 issuers. */
    List<String> acceptedIssuers() {
        List<String> given = issuers == null ? List.of() : issuers.stream().filter(ConsoleTeamsSettings::present).map(String::trim).toList();
        if (!given.isEmpty() || !present(tenantId)) {
            return given;
        }
        String tenant = tenantId.trim();
        return List.of("https://login.microsoftonline.com/" + tenant + "/v2.0", "https://sts.windows.net/" + tenant + "/");
    }

    List<String> audiences() {
        List<String> audiences = new ArrayList<>();
        if (present(clientId)) {
            audiences.add(clientId.trim());
        }
        if (present(applicationIdUri)) {
            audiences.add(applicationIdUri.trim());
        }
        return audiences;
    }

    boolean checksTenant() {
        return present(tenantId);
    }

    static boolean present(@Nullable String s) {
        return s != null && !s.isBlank();
    }
}
