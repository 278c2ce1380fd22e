package uk.nhs.hps.admin;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code admin.auth.*}: how the admin API checks Microsoft Entra ID bearer tokens.
 *
 * @param issuer    the token issuer, e.g. https://login.microsoftonline.com/{tenant}/v2.0 (ADMIN_AUTH_ISSUER)
 * @param audience  the API's application id URI or client id the token must be for (ADMIN_AUTH_AUDIENCE)
 * @param jwksUri   where the signing keys are; discovered from the issuer's OpenID metadata when blank (ADMIN_AUTH_JWKS_URI)
 * @param devToken  a static token accepted only in the {@code dev} environment (ADMIN_DEV_TOKEN)
 * @param clockSkew tolerance for exp/nbf
 * @param tenantId  the Entra tenant whose users may call the API; a token's {@code tid} must equal it
 *                  (ADMIN_AUTH_TENANT_ID, defaulting to MICROSOFT_APP_TENANT_ID); blank accepts any {@code tid}
 */
@ConfigurationProperties("admin.auth")
public record AdminAuthSettings(
        @Nullable String issuer,
        @Nullable String audience,
        @Nullable String jwksUri,
        @Nullable String devToken,
        @Bindable(defaultValue = "60s") Duration clockSkew,
        @Nullable String tenantId) {

    boolean checksTenant() {
        return tenantId != null && !tenantId.isBlank();
    }

    boolean configured() {
        return issuer != null && !issuer.isBlank() && audience != null && !audience.isBlank();
    }

    boolean hasDevToken() {
        return devToken != null && !devToken.isBlank();
    }
}
