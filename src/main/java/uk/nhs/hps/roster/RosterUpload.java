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
        @Nullable Instant finishedAt) {

    /**
     * PENDING after the dry run; COMMITTING while one press of "Import" imports it (no other press can start it);
     * then COMMITTED, CANCELLED, EXPIRED or FAILED. REDACTED when erasure removed a person from its content.
     */
    enum Status { PENDING, COMMITTING, COMMITTED, CANCELLED, EXPIRED, FAILED, REDACTED }

    RosterUpload finished(Status newStatus, Instant at) {
        return new RosterUpload(id, uploadedBy, fileName, null, newStatus, uploadedAt, at);
    }
}
