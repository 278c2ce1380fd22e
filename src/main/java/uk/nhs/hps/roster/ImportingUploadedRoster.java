package uk.nhs.hps.roster;

import jakarta.inject.Singleton;
import uk.nhs.hps.access.Conflict;
import uk.nhs.hps.audit.AuditLog;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A roster file sent to the bot: checked at once (a dry run) and kept, then imported or cancelled when the person
 * who sent it presses a button. One press wins an upload; the others are told it is under way or finished.
 */
@Singleton
class ImportingUploadedRoster {

    private static final Duration UPLOAD_LIFETIME = Duration.ofHours(24);

    /** Check a file and keep it for the decision. */
    record CheckUpload(long actor, String fileName, byte[] content) {
    }

    /** What the person who sent the file decided; {@code uploadId} is empty when the card did not carry one. */
    record DecideUpload(long actor, Optional<Long> uploadId, Decision decision) {
    }

    enum Decision { IMPORT_ALL, IMPORT_VALID_ROWS, CANCEL }

    sealed interface Checked permits DryRun, Malformed {
    }

    sealed interface Decided permits Finished, UnderWay, Cancelled, Expired, Malformed, Busy, ChangedSinceCheck, Imported {
    }

    /** The dry run's report, and the upload the buttons refer to. */
    record DryRun(ImportReport report, long uploadId) implements Checked {
    }

    /** The file as a whole cannot be read; {@code message} says why. */
    record Malformed(String message) implements Checked, Decided {
    }

    /** Not this person's upload, or it was already finished or cancelled. */
    record Finished() implements Decided {
    }

    /** Another press is importing it now. */
    record UnderWay() implements Decided {
    }

    record Cancelled() implements Decided {
    }

    /** Sent too long ago to import without a fresh check. */
    record Expired() implements Decided {
    }

    /** Another import was writing the roster at the same moment; nothing was written and the upload can be pressed again. */
    record Busy(String message) implements Decided {
    }

    /** The roster changed since the dry run so that some rows now have problems; nothing was written. */
    record ChangedSinceCheck(int problems) implements Decided {
    }

    record Imported(ImportReport report) implements Decided {
    }

    private final ImportingRoster importing;
    private final RosterUploadRepository uploads;
    private final Clock clock;

    ImportingUploadedRoster(ImportingRoster importing, RosterUploadRepository uploads, Clock clock) {
        this.importing = importing;
        this.uploads = uploads;
        this.clock = clock;
    }

    Checked check(CheckUpload command) {
        ImportReport report;
        try {
            report = importing.importCsv(command.content(), ImportMode.DRY_RUN, AuditLog.person(command.actor()), "bot dry run");
        } catch (MalformedRoster e) {
            return new Malformed(e.getMessage());
        }
        RosterUpload upload = uploads.save(new RosterUpload(null, command.actor(), truncate(command.fileName(), 255),
                new String(command.content(), StandardCharsets.UTF_8), RosterUpload.Status.PENDING, clock.instant(), null));
        return new DryRun(report, upload.id());
    }

    Decided decide(DecideUpload command) {
        long actor = command.actor();
        Optional<RosterUpload> found = command.uploadId().flatMap(uploads::findById)
                .filter(u -> u.uploadedBy() == actor);
        if (found.isPresent() && RosterUpload.Status.COMMITTING.equals(found.get().status())) {
            return new UnderWay();
        }
        if (found.isEmpty() || !RosterUpload.Status.PENDING.equals(found.get().status())) {
            return new Finished();
        }
        RosterUpload upload = found.get();
        Instant now = clock.instant();
        if (command.decision() == Decision.CANCEL) {
            if (uploads.moveStatus(upload.id(), actor, RosterUpload.Status.PENDING, RosterUpload.Status.CANCELLED) != 1) {
                return new Finished();
            }
            uploads.update(upload.finished(RosterUpload.Status.CANCELLED, now));
            return new Cancelled();
        }
        if (upload.uploadedAt().plus(UPLOAD_LIFETIME).isBefore(now) || upload.content() == null) {
            uploads.update(upload.finished(RosterUpload.Status.EXPIRED, now));
            return new Expired();
        }
        // One press wins the upload; presses arriving at the same moment (or a double click) are told so.
        if (uploads.moveStatus(upload.id(), actor, RosterUpload.Status.PENDING, RosterUpload.Status.COMMITTING) != 1) {
            return new UnderWay();
        }
        ImportMode mode = command.decision() == Decision.IMPORT_VALID_ROWS ? ImportMode.COMMIT_VALID_ROWS : ImportMode.COMMIT;
        ImportReport report;
        try {
            report = importing.importCsv(upload.content().getBytes(StandardCharsets.UTF_8), mode,
                    AuditLog.person(actor), "bot import of " + (upload.fileName() == null ? "a file" : upload.fileName()));
        } catch (MalformedRoster e) {
            uploads.update(upload.finished(RosterUpload.Status.FAILED, now));
            return new Malformed(e.getMessage());
        } catch (Conflict e) {
            uploads.moveStatus(upload.id(), actor, RosterUpload.Status.COMMITTING, RosterUpload.Status.PENDING);
            return new Busy(e.getMessage());
        } catch (RuntimeException e) {
            uploads.moveStatus(upload.id(), actor, RosterUpload.Status.COMMITTING, RosterUpload.Status.PENDING);
            throw e;
        }
        if (!report.committed()) {
            uploads.moveStatus(upload.id(), actor, RosterUpload.Status.COMMITTING, RosterUpload.Status.PENDING);
            return new ChangedSinceCheck(report.problems().size());
        }
        uploads.update(upload.finished(RosterUpload.Status.COMMITTED, now));
        return new Imported(report);
    }

    private static String truncate(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}
