package uk.nhs.hps.admin;

import io.micronaut.core.annotation.Nullable;

/**
 * Who is calling the admin API: a programme-team member (by person id), or the dev token.
 * {@code actor} is what the audit log records.
 */
public record AdminPrincipal(@Nullable Long personId, String actor) {

    public static final String ATTRIBUTE = "hps.admin.principal";

    static AdminPrincipal devToken() {
        return new AdminPrincipal(null, "dev-token");
    }
}
