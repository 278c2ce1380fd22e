package uk.nhs.hps.admin;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.people.PersonRepository;

/** Admin endpoints ask the one authorisation service too; the dev token (dev only) stands for the programme team. */
@Singleton
public class AdminGate {

    /** The header that carries why a person's data is being read; it goes into the audit log. */
    public static final String REASON_HEADER = "X-Audit-Reason";

    private final Access access;
    private final PersonRepository people;

    AdminGate(Access access, PersonRepository people) {
        this.access = access;
        this.people = people;
    }

    /** Unknown subjects are 404 for the programme team, so a typo is not mistaken for a refusal. */
    public void require(AdminPrincipal admin, Action action, @Nullable Long subjectId, String why) {
        if (subjectId != null && !people.existsById(subjectId)) {
            throw new NotFound("No person " + subjectId + ".");
        }
        if (admin.personId() != null) {
            access.require(admin.personId(), action, subjectId, why);
        }
    }

    public static String why(@Nullable String given, String fallback) {
        return given == null || given.isBlank() ? fallback : given.strip();
    }
}
