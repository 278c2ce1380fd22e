package uk.nhs.hps.roster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A roster file sent to the bot, kept between its dry run and the programme team's "import" button. */
@MappedEntity("roster_upload")
record RosterUpload(
        @Id @GeneratedValue @Nullable Long id,
        Long uploadedBy,
        @Nullable String fileName,
        @Nullable String content,
        Status status,
        Instant uploadedAt,
        @Nullable Instant finishedAt,
        @Nullable String claimToken,
        @Nullable Instant leaseUntil,
        @Nullable String failure) {

    /**
     * PENDING after the dry run; COMMITTING while one press of "Import" imports it (no other press can start it),
     * under a lease ({@code claimToken}, {@code leaseUntil}); then COMMITTED, CANCELLED, EXPIRED or FAILED
     * ({@code failure} says why when the service stopped mid-import). REDACTED when erasure removed a person from its content.
     */
    enum Status { PENDING, COMMITTING, COMMITTED, CANCELLED, EXPIRED, FAILED, REDACTED }

    static RosterUpload pending(long uploadedBy, String fileName, String content, Instant at) {
        return new RosterUpload(null, uploadedBy, fileName, content, Status.PENDING, at, null, null, null, null);
    }

    RosterUpload finished(Status newStatus, Instant at) {
        return new RosterUpload(id, uploadedBy, fileName, null, newStatus, uploadedAt, at, null, null, failure);
    }
}
