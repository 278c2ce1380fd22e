package uk.nhs.hps.admin;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import uk.nhs.hps.roster.Access;
import uk.nhs.hps.roster.Action;

/** Admin endpoints ask the one authorisation service too; the dev token (dev only) stands for the programme team. */
@Singleton
class AdminGate {

    private final Access access;

    AdminGate(Access access) {
        this.access = access;
    }

    void require(AdminPrincipal admin, Action action, @Nullable Long subjectId, String why) {
        if (admin.personId() != null) {
            access.require(admin.personId(), action, subjectId, why);
        }
    }

    static String why(@Nullable String given, String fallback) {
        return given == null || given.isBlank() ? fallback : given.strip();
    }
}
