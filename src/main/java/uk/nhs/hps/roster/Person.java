package uk.nhs.hps.roster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("person")
public record Person(
        @Id @GeneratedValue @Nullable Long id,
        String email,
        String displayName,
        Role role,
        String status,
        String timeZone,
        @Nullable String aadObjectId,
        Instant createdAt,
        Instant updatedAt) {

    /** E-mails are compared case-insensitively and without surrounding whitespace. */
    public static String normaliseEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(java.util.Locale.ROOT);
    }

    Person withAadObjectId(String aad, Instant now) {
        return new Person(id, email, displayName, role, status, timeZone, aad, createdAt, now);
    }
}
