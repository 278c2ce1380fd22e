package uk.nhs.hps.console;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code console.oidc.*}: Entra ID OpenID Connect sign-in to the console (authorization code + PKCE).
 *
 * @param issuer       e.g. https://login.microsoftonline.com/{tenant}/v2.0 (CONSOLE_OIDC_ISSUER)
 * @param clientId     the app registration's client id (CONSOLE_OIDC_CLIENT_ID)
 * @param clientSecret its client secret, from the environment only (CONSOLE_OIDC_CLIENT_SECRET)
 * @param redirectUri  https://{host}/console/auth/callback, registered as a Web redirect URI (CONSOLE_OIDC_REDIRECT_URI)
 * @param tenantId     the tenant whose users may sign in; an ID token's {@code tid} must equal it
 * @param signInWindow how long a sign-in may take between the redirect and the callback
 */
@ConfigurationProperties("console.oidc")
public record ConsoleOidcSettings(
        @Nullable String issuer,
        @Nullable String clientId,
        @Nullable String clientSecret,
        @Nullable String redirectUri,
        @Nullable String tenantId,
        @Bindable(defaultValue = "10m") Duration signInWindow) {

    public boolean configured() {
        return present(issuer) && present(clientId) && present(clientSecret) && present(redirectUri);
    }

    boolean checksTenant() {
        return present(tenantId);
    }

    private static boolean present(@Nullable String s) {
        return s != null && !s.isBlank();
    }
}
