package uk.nhs.hps.roster;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Conflict;
import uk.nhs.hps.audit.AuditLog;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A roster file sent to the bot: checked at once (a dry run) and kept, then imported or cancelled when the person
 * who sent it presses a button. One press wins an upload; the others are told it is under way or finished.
 * <p>
 * The winning press holds a lease on the upload (renewed while the import runs) and moves it to COMMITTED in the
 * import's own transaction, so an import is applied whole or not at all. If the service stops mid-import (kill -9) the
 * lease runs out; the next look at the upload, from any instance, marks it FAILED with the reason (a conditional
 * UPDATE: one instance wins) and the file can be sent again.
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

    sealed interface Decided permits Finished, UnderWay, Cancelled, Expired, Malformed, Busy, ChangedSinceCheck, Imported,
            Interrupted, Claimed {
    }

    /** Why an upload failed when its import was stopped part-way; shown in the history, on the page and in chat. */
    static final String INTERRUPTED = "The service stopped while importing this file, so nothing from it was imported"
            + " (an import saves everything or nothing). Check the file again: upload it once more.";

    /** The import of this upload was stopped part-way (the service stopped); nothing from it was applied. */
    record Interrupted() implements Decided {
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
    private final TransactionOperations<Connection> transactions;
    private final AuditLog audit;
    private final RosterSettings settings;
    private final Clock clock;

    ImportingUploadedRoster(ImportingRoster importing, RosterUploadRepository uploads,
                            TransactionOperations<Connection> transactions, AuditLog audit, RosterSettings settings,
                            Clock clock) {
        this.importing = importing;
        this.uploads = uploads;
        this.transactions = transactions;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    Checked check(CheckUpload command) {
        ImportReport report;
        try {
            report = importing.importCsv(command.content(), ImportMode.DRY_RUN, AuditLog.person(command.actor()), "bot dry run");
        } catch (MalformedRoster e) {
            return new Malformed(e.getMessage());
        }
        recoverInterrupted();
        RosterUpload upload = uploads.save(RosterUpload.pending(command.actor(), truncate(command.fileName(), 255),
                new String(command.content(), StandardCharsets.UTF_8), clock.instant()));
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
        recoverInterrupted();
        RosterUpload upload = uploads.save(RosterUpload.pending(command.actor(), truncate(command.fileName(), 255),
                new String(command.content(), StandardCharsets.UTF_8), clock.instant()));
        return new Kept(upload.id(), rows);
    }

    /**
     * The upload as its sender sees it; empty for anyone else, so an id cannot be guessed into someone's file. An import
     * whose service stopped (its lease ran out) is first marked FAILED, so the page says so instead of "importing".
     */
    Optional<RosterUpload> find(long actor, long uploadId) {
        Optional<RosterUpload> found = uploads.findById(uploadId).filter(u -> u.uploadedBy() == actor);
        if (found.isPresent() && recover(found.get())) {
            return uploads.findById(uploadId);
        }
        return found;
    }

    /**
     * Marks FAILED every import whose lease ran out, because the service importing it stopped; safe on any number of
     * instances at once (each upload is recovered by one of them). Returns how many this call recovered.
     */
    int recoverInterrupted() {
        int recovered = 0;
        for (RosterUpload upload : uploads.findByStatus(RosterUpload.Status.COMMITTING)) {
            if (recover(upload)) {
                recovered++;
            }
        }
        return recovered;
    }

    /** One upload: FAILED with the reason and an entry in the import history, if its lease ran out and this call won. */
    private boolean recover(RosterUpload upload) {
        Instant now = clock.instant();
        if (!RosterUpload.Status.COMMITTING.equals(upload.status())
                || (upload.leaseUntil() != null && !upload.leaseUntil().isBefore(now))) {
            return false;
        }
        // a transaction of its own, so the FAILED mark and its history line stand together whoever calls
        return transactions.execute(TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW), status -> {
            if (uploads.recoverExpired(upload.id(), now, INTERRUPTED) != 1) {
                return false;
            }
            audit.record(AuditLog.person(upload.uploadedBy()), AuditLog.IMPORT, null, "Not imported: the service stopped"
                    + " while importing " + (upload.fileName() == null ? "a file" : upload.fileName())
                    + ", so nothing from the file was applied. Check the file again and import it.");
            return true;
        });
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
        Optional<RosterUpload> found = command.uploadId().flatMap(id -> find(actor, id));
        if (found.isPresent() && RosterUpload.Status.COMMITTING.equals(found.get().status())) {
            return new UnderWay();
        }
        if (found.isPresent() && RosterUpload.Status.FAILED.equals(found.get().status()) && INTERRUPTED.equals(found.get().failure())) {
            return new Interrupted();
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
        String token = UUID.randomUUID().toString();
        Instant leaseUntil = now.plus(settings.importLease());
        if (uploads.claim(upload.id(), actor, token, leaseUntil) != 1) {
            return new UnderWay();
        }
        return new Claimed(new RosterUpload(upload.id(), upload.uploadedBy(), upload.fileName(), upload.content(),
                RosterUpload.Status.COMMITTING, upload.uploadedAt(), null, token, leaseUntil, null));
    }

    /** Thrown inside the import's transaction when its claim was recovered by another instance: nothing is written. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("the roster upload's lease was lost", null, false, false);
        }
    }

    /** Passes progress on, renewing the claim's lease (in a transaction of its own) once a third of it has gone. */
    private final class Heartbeat implements ImportingRoster.Progress {
        private final RosterUpload upload;
        private final ImportingRoster.Progress progress;
        private Instant renewed;

        Heartbeat(RosterUpload upload, ImportingRoster.Progress progress) {
            this.upload = upload;
            this.progress = progress;
            this.renewed = clock.instant();
        }

        @Override
        public void at(Stage stage, int done, int total) {
            Instant now = clock.instant();
            if (!now.isBefore(renewed.plus(settings.importLease().dividedBy(3)))) {
                int held = transactions.execute(TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW),
                        status -> uploads.renew(upload.id(), upload.claimToken(), now.plus(settings.importLease())));
                if (held != 1) {
                    throw new LeaseLost();
                }
                renewed = now;
            }
            progress.at(stage, done, total);
        }
    }

    /** The second half: imports an upload this caller claimed, telling {@code progress} how far it has got. */
    Decided importClaimed(Claim claim, ImportingRoster.Progress progress) {
        RosterUpload upload = claim.upload();
        long actor = upload.uploadedBy();
        ImportMode mode = claim.mode();
        String via = claim.via();
        ImportReport report;
        try {
            // the roster's writes and the upload's COMMITTED mark in one transaction: a stopped import applied nothing
            report = transactions.executeWrite(status -> {
                ImportReport r = importing.importCsv(upload.content().getBytes(StandardCharsets.UTF_8), mode,
                        AuditLog.person(actor), via + " import of " + (upload.fileName() == null ? "a file" : upload.fileName()),
                        new Heartbeat(upload, progress));
                if (r.committed() && uploads.commitClaim(upload.id(), upload.claimToken(), clock.instant()) != 1) {
                    throw new LeaseLost();
                }
                return r;
            });
        } catch (LeaseLost e) {
            return new Interrupted();
        } catch (MalformedRoster e) {
            uploads.update(upload.finished(RosterUpload.Status.FAILED, clock.instant()));
            return new Malformed(e.getMessage());
        } catch (Conflict e) {
            uploads.releaseClaim(upload.id(), upload.claimToken());
            return new Busy(e.getMessage());
        } catch (RuntimeException e) {
            uploads.releaseClaim(upload.id(), upload.claimToken());
            throw e;
        }
        if (!report.committed()) {
            uploads.releaseClaim(upload.id(), upload.claimToken());
            return new ChangedSinceCheck(report.problems().size());
        }
        return new Imported(report);
    }

    private static String truncate(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}
