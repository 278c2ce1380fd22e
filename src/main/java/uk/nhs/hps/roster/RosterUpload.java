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
        String status,
        Instant uploadedAt,
        @Nullable Instant finishedAt) {

    static final String PENDING = "PENDING";
    /** Claimed by one press of "Import" and being imported; no other press can start it. */
    static final String COMMITTING = "COMMITTING";

    RosterUpload finished(String newStatus, Instant at) {
        return new RosterUpload(id, uploadedBy, fileName, null, newStatus, uploadedAt, at);
    }
}
