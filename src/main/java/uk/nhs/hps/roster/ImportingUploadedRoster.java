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

    sealed interface Checked permits DryRun, Malformed, Kept {
    }

    sealed interface Decided permits Finished, UnderWay, Cancelled, Expired, Malformed, Busy, ChangedSinceCheck, Imported, Claimed {
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

    /** The upload kept, its rows read (the whole file is readable); its rows are checked later by {@link #dryRun}. */
    record Kept(long uploadId, int rows) implements Checked {
    }

    /**
     * Keeps a file whose rows are to be checked in the background (the console): only whole-file problems (empty, not
     * CSV, missing columns, too many rows) are found now, and then nothing is kept.
     */
    Checked keep(CheckUpload command) {
        int rows;
        try {
            rows = importing.rowsOf(command.content());
        } catch (MalformedRoster e) {
            return new Malformed(e.getMessage());
        }
        RosterUpload upload = uploads.save(new RosterUpload(null, command.actor(), truncate(command.fileName(), 255),
                new String(command.content(), StandardCharsets.UTF_8), RosterUpload.Status.PENDING, clock.instant(), null));
        return new Kept(upload.id(), rows);
    }

    /** The upload as its sender sees it; empty for anyone else, so an id cannot be guessed into someone's file. */
    Optional<RosterUpload> find(long actor, long uploadId) {
        return uploads.findById(uploadId).filter(u -> u.uploadedBy() == actor);
    }

    /** The dry run of a kept, pending upload, with its rows as read; empty when it is not pending any more. */
    Optional<ImportingRoster.Checked> dryRun(long actor, long uploadId, ImportingRoster.Progress progress) {
        return find(actor, uploadId).filter(u -> RosterUpload.Status.PENDING.equals(u.status()) && u.content() != null)
                .map(u -> importing.check(u.content().getBytes(StandardCharsets.UTF_8), AuditLog.person(actor), progress));
    }

    Decided decide(DecideUpload command) {
        Claim claim = claim(command, "bot");
        return claim.answer() != null ? claim.answer() : importClaimed(claim, ImportingRoster.Progress.NONE);
    }

    /**
     * The first half of a decision: the upload moved to COMMITTING by this caller ({@code upload} set), or the
     * answer for a caller that lost the press or decided without importing ({@code answer} set).
     */
    record Claim(@io.micronaut.core.annotation.Nullable RosterUpload upload, ImportMode mode, String via,
                 @io.micronaut.core.annotation.Nullable Decided answer) {
    }

    /** {@code via} names where the press came from in the audit log ("bot", "console"). */
    Claim claim(DecideUpload command, String via) {
        ImportMode mode = command.decision() == Decision.IMPORT_VALID_ROWS ? ImportMode.COMMIT_VALID_ROWS : ImportMode.COMMIT;
        Decided answer = claimOrAnswer(command);
        return answer instanceof Claimed claimed ? new Claim(claimed.upload(), mode, via, null) : new Claim(null, mode, via, answer);
    }

    /** Internal: the press won the upload. */
    private record Claimed(RosterUpload upload) implements Decided {
    }

    private Decided claimOrAnswer(DecideUpload command) {
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
        return new Claimed(upload);
    }

    /** The second half: imports an upload this caller claimed, telling {@code progress} how far it has got. */
    Decided importClaimed(Claim claim, ImportingRoster.Progress progress) {
        RosterUpload upload = claim.upload();
        long actor = upload.uploadedBy();
        ImportMode mode = claim.mode();
        String via = claim.via();
        Instant now = clock.instant();
        ImportReport report;
        try {
            report = importing.importCsv(upload.content().getBytes(StandardCharsets.UTF_8), mode,
                    AuditLog.person(actor), via + " import of " + (upload.fileName() == null ? "a file" : upload.fileName()),
                    progress);
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
