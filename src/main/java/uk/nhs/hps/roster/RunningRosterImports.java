package uk.nhs.hps.roster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.PersonRepository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;

/**
 * The console's roster import: a file is kept at once, its rows are checked in the background and then, when its
 * sender confirms, its valid rows are imported in the background, so a 5,000-row file never holds a request open and
 * the page can show how far the work has got. The upload's status in the database (the bot's {@link RosterUpload}) is
 * the truth and decides who wins a double click; how far a running job has got is kept in memory on the server
 * running it, which is all a progress bar needs.
 */
@Singleton
class RunningRosterImports {

    /** Most imports listed in the history. */
    static final int HISTORY = 50;
    /** How long a finished job's rows and report are kept for its page. */
    private static final Duration KEEP_JOBS = Duration.ofHours(2);
    private static final Logger LOG = LoggerFactory.getLogger(RunningRosterImports.class);

    enum Stage { CHECKING, CHECKED, IMPORTING, FINISHED, FAILED }

    /** What the page shows of an upload: its record, the job's stage and how far it has got. */
    record View(RosterUpload upload, Stage stage, ImportingRoster.Progress.Stage step, int done, int total,
                @Nullable ImportingRoster.Checked checked, @Nullable ImportingUploadedRoster.Decided decided) {
    }

    sealed interface Started permits Accepted, Rejected {
    }

    /** The file is kept and its rows are being checked. */
    record Accepted(long uploadId) implements Started {
    }

    /** The file as a whole was refused (empty, too large, not CSV, wrong header); nothing was kept. */
    record Rejected(String message) implements Started {
    }

    sealed interface Pressed permits ImportUnderWay, Answered {
    }

    /** This press started the import (or another press already had). */
    record ImportUnderWay() implements Pressed {
    }

    /** The import did not start: finished, cancelled, expired... */
    record Answered(ImportingUploadedRoster.Decided answer) implements Pressed {
    }

    /** One import in the history: when, who, what the import said it did, and how (API, bot, console). */
    record PastImport(Instant at, String who, String what) {
    }

    private static final class Job {
        final Instant startedAt;
        volatile Stage stage = Stage.CHECKING;
        volatile ImportingRoster.Progress.Stage step = ImportingRoster.Progress.Stage.CHECKING;
        volatile int done;
        volatile int total;
        volatile ImportingRoster.Checked checked;
        volatile ImportingUploadedRoster.Decided decided;

        Job(Instant startedAt, int total) {
            this.startedAt = startedAt;
            this.total = total;
        }

        ImportingRoster.Progress progress() {
            return (s, d, t) -> {
                step = s;
                done = d;
                total = t;
            };
        }
    }

    private final ImportingUploadedRoster uploads;
    private final Access access;
    private final PersonRepository people;
    private final TransactionOperations<Connection> transactions;
    private final RosterSettings settings;
    private final ExecutorService executor;
    private final Clock clock;
    private final ConcurrentMap<Long, Job> jobs = new ConcurrentHashMap<>();

    RunningRosterImports(ImportingUploadedRoster uploads, Access access, PersonRepository people,
                         TransactionOperations<Connection> transactions, RosterSettings settings,
                         @Named(TaskExecutors.IO) ExecutorService executor, Clock clock) {
        this.uploads = uploads;
        this.access = access;
        this.people = people;
        this.transactions = transactions;
        this.settings = settings;
        this.executor = executor;
        this.clock = clock;
    }

    /** Keeps the file and starts checking its rows; a file that cannot be a roster is refused and nothing is kept. */
    Started upload(long actor, @Nullable String fileName, byte[] content) {
        access.require(actor, Action.MANAGE_ROSTER, null, "console: roster import");
        String name = fileName == null || fileName.isBlank() ? "roster.csv" : fileName.strip();
        if (content.length == 0) {
            return new Rejected("The file is empty. Choose the roster CSV file, with a header line naming the columns.");
        }
        if (content.length > settings.importMaxBytes()) {
            return new Rejected("The file is larger than " + settings.importMaxBytes() / (1024 * 1024)
                    + " MB. Split it, for example one file per cohort. Nothing was imported.");
        }
        if (!name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return new Rejected("The file must be a CSV file (its name ends in .csv). Save the roster as \"CSV UTF-8\" and"
                    + " upload it again. Nothing was imported.");
        }
        ImportingUploadedRoster.Checked kept = uploads.keep(new ImportingUploadedRoster.CheckUpload(actor, name, content));
        if (kept instanceof ImportingUploadedRoster.Malformed malformed) {
            return new Rejected(malformed.message());
        }
        ImportingUploadedRoster.Kept k = (ImportingUploadedRoster.Kept) kept;
        startCheck(actor, k.uploadId(), k.rows());
        return new Accepted(k.uploadId());
    }

    /** The upload's page; a pending upload whose check is not running here (e.g. after a restart) is checked again. */
    Optional<View> view(long actor, long uploadId) {
        access.require(actor, Action.MANAGE_ROSTER, null, "console: roster import");
        Optional<RosterUpload> upload = uploads.find(actor, uploadId);
        if (upload.isEmpty()) {
            return Optional.empty();
        }
        RosterUpload u = upload.get();
        Job job = jobs.get(uploadId);
        if (job != null && job.decided == null && (job.stage == Stage.CHECKING || job.stage == Stage.CHECKED)
                && !RosterUpload.Status.PENDING.equals(u.status())) {
            // the database is the truth: the upload was imported, or its import stopped, from another server
            jobs.remove(uploadId, job);
            job = null;
        }
        if (job == null && RosterUpload.Status.PENDING.equals(u.status()) && u.content() != null) {
            job = startCheck(actor, uploadId, 0);
        }
        if (job == null) {
            Stage stage = RosterUpload.Status.COMMITTING.equals(u.status()) ? Stage.IMPORTING : Stage.FINISHED;
            return Optional.of(new View(u, stage, ImportingRoster.Progress.Stage.WRITING, 0, 0, null, null));
        }
        return Optional.of(new View(u, job.stage, job.step, job.done, job.total, job.checked, job.decided));
    }

    /** Imports the upload's valid rows in the background; a second press (a double click) starts nothing. */
    Pressed importValidRows(long actor, long uploadId) {
        access.require(actor, Action.MANAGE_ROSTER, null, "console: roster import");
        ImportingUploadedRoster.Claim claim = uploads.claim(new ImportingUploadedRoster.DecideUpload(actor,
                Optional.of(uploadId), ImportingUploadedRoster.Decision.IMPORT_VALID_ROWS), "console");
        if (claim.answer() != null) {
            return claim.answer() instanceof ImportingUploadedRoster.UnderWay ? new ImportUnderWay() : new Answered(claim.answer());
        }
        Job job = jobs.compute(uploadId, (id, old) -> {
            Job j = new Job(clock.instant(), old == null ? 0 : old.total);
            j.checked = old == null ? null : old.checked;
            j.stage = Stage.IMPORTING;
            return j;
        });
        executor.execute(() -> {
            try {
                job.decided = uploads.importClaimed(claim, job.progress());
                job.stage = job.decided instanceof ImportingUploadedRoster.Imported ? Stage.FINISHED
                        : job.decided instanceof ImportingUploadedRoster.Busy || job.decided instanceof ImportingUploadedRoster.ChangedSinceCheck
                        ? Stage.CHECKED : Stage.FAILED;
            } catch (RuntimeException e) {
                LOG.warn("A console roster import failed: {}", e.getClass().getSimpleName());
                job.decided = new ImportingUploadedRoster.Busy("The import failed, so nothing was imported. Please try again.");
                job.stage = Stage.CHECKED;
            }
        });
        return new ImportUnderWay();
    }

    /** Cancels a pending upload: its content is dropped and nothing is imported. */
    ImportingUploadedRoster.Decided cancel(long actor, long uploadId) {
        access.require(actor, Action.MANAGE_ROSTER, null, "console: roster import");
        ImportingUploadedRoster.Decided decided = uploads.decide(new ImportingUploadedRoster.DecideUpload(actor,
                Optional.of(uploadId), ImportingUploadedRoster.Decision.CANCEL));
        jobs.remove(uploadId);
        return decided;
    }

    /** Every import (API, bot, console) from the audit log, newest first, with who made it. */
    List<PastImport> history(long actor) {
        access.require(actor, Action.MANAGE_ROSTER, null, "console: roster import history");
        // an import left unfinished by a stopped service is listed as such, not left out
        uploads.recoverInterrupted();
        record Row(Instant at, String actor, String detail) {
        }
        List<Row> rows = transactions.executeRead(status -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement s = status.getConnection().prepareStatement("""
                    SELECT occurred_at, actor, detail FROM audit_event WHERE action = ?
                    ORDER BY occurred_at DESC, id DESC LIMIT ?""")) {
                s.setString(1, AuditLog.IMPORT);
                s.setInt(2, HISTORY);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Row(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return out;
        });
        List<Long> ids = rows.stream().map(r -> personId(r.actor())).filter(java.util.Objects::nonNull).distinct().toList();
        Map<Long, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            people.findByIdIn(ids).forEach(p -> names.put(p.id(), p.anonymisedAt() == null ? p.displayName() : "(erased)"));
        }
        return rows.stream().map(r -> {
            Long id = personId(r.actor());
            String who = id == null ? r.actor() : names.getOrDefault(id, r.actor());
            return new PastImport(r.at(), who, r.detail() == null ? "" : r.detail());
        }).toList();
    }

    private Job startCheck(long actor, long uploadId, int rows) {
        Instant now = clock.instant();
        jobs.values().removeIf(j -> j.startedAt.plus(KEEP_JOBS).isBefore(now));
        Job job = new Job(now, rows);
        Job running = jobs.putIfAbsent(uploadId, job);
        if (running != null) {
            return running;
        }
        executor.execute(() -> {
            try {
                Optional<ImportingRoster.Checked> checked = uploads.dryRun(actor, uploadId, job.progress());
                job.checked = checked.orElse(null);
                job.stage = checked.isPresent() ? Stage.CHECKED : Stage.FINISHED;
            } catch (MalformedRoster e) {
                job.decided = new ImportingUploadedRoster.Malformed(e.getMessage());
                job.stage = Stage.FAILED;
            } catch (RuntimeException e) {
                LOG.warn("Checking a console roster upload failed: {}", e.getClass().getSimpleName());
                jobs.remove(uploadId, job);
            }
        });
        return job;
    }

    @Nullable
    private static Long personId(String actor) {
        if (actor == null || !actor.startsWith("person:")) {
            return null;
        }
        try {
            return Long.valueOf(actor.substring("person:".length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
