package uk.nhs.hps.people;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Someone on the roster. {@code role} is their main part in the scheme (for greetings and help); what
 * they may see is decided by {@link Access} from their relationships, not from this field alone.
 */
@MappedEntity("person")
public record Person(
        @Id @GeneratedValue @Nullable Long id,
        String email,
        String displayName,
        Role role,
        PersonStatus status,
        String timeZone,
        @Nullable String aadObjectId,
        @Nullable String organisation,
        @Nullable String band,
        @MappedProperty("development_stream") @Nullable DevelopmentStream stream,
        @Nullable Long cohortId,
        @Nullable String statusReason,
        @Nullable LocalDate statusSince,
        @Nullable LocalDate statusUntil,
        @Nullable Instant anonymisedAt,
        Instant createdAt,
        Instant updatedAt) {

    @Creator
    public Person {
    }

    /** A roster entry without a development stream (supporters, and people whose stream is not yet known). */
    public Person(@Nullable Long id, String email, String displayName, Role role, PersonStatus status, String timeZone,
                  @Nullable String aadObjectId, @Nullable String organisation, @Nullable String band, @Nullable Long cohortId,
                  @Nullable String statusReason, @Nullable LocalDate statusSince, @Nullable LocalDate statusUntil,
                  @Nullable Instant anonymisedAt, Instant createdAt, Instant updatedAt) {
        this(id, email, displayName, role, status, timeZone, aadObjectId, organisation, band, null, cohortId,
                statusReason, statusSince, statusUntil, anonymisedAt, createdAt, updatedAt);
    }

    /** The shape of a roster entry before cohorts and status history existed. */
    public Person(@Nullable Long id, String email, String displayName, Role role, String status, String timeZone,
                  @Nullable String aadObjectId, Instant createdAt, Instant updatedAt) {
        this(id, email, displayName, role, PersonStatus.valueOf(status), timeZone, aadObjectId, null, null, null, null,
                null, null, null, null, createdAt, updatedAt);
    }

    /** E-mails are compared case-insensitively and without surrounding whitespace. */
    public static String normaliseEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isActive() {
        return status == PersonStatus.ACTIVE && anonymisedAt == null;
    }

    Person withAadObjectId(String aad, Instant now) {
        return new Person(id, email, displayName, role, status, timeZone, aad, organisation, band, stream, cohortId,
                statusReason, statusSince, statusUntil, anonymisedAt, createdAt, now);
    }

    public Person withStatus(PersonStatus newStatus, @Nullable String reason, @Nullable LocalDate since,
                      @Nullable LocalDate until, Instant now) {
        return new Person(id, email, displayName, role, newStatus, timeZone, aadObjectId, organisation, band, stream, cohortId,
                reason, since, until, anonymisedAt, createdAt, now);
    }

    /** The participant's development stream; null when not (yet) known. */
    public Person withStream(@Nullable DevelopmentStream newStream, Instant now) {
        return new Person(id, email, displayName, role, status, timeZone, aadObjectId, organisation, band, newStream, cohortId,
                statusReason, statusSince, statusUntil, anonymisedAt, createdAt, now);
    }

    public Person withRole(Role newRole, Instant now) {
        return new Person(id, email, displayName, newRole, status, timeZone, aadObjectId, organisation, band, stream, cohortId,
                statusReason, statusSince, statusUntil, anonymisedAt, createdAt, now);
    }
}
