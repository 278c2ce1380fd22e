package uk.nhs.hps.roster;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.access.Conflict;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.conversation.CardTemplates;
import uk.nhs.hps.conversation.CommandHandler;
import uk.nhs.hps.conversation.FileDownloads;
import uk.nhs.hps.conversation.HelpEntry;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.conversation.Turn;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.Role;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The programme team sends the roster CSV to the bot in personal chat: the bot answers with the dry-run
 * report and buttons to import (all rows when clean, or only the valid rows), or cancel.
 */
@Singleton
class RosterImportCommand implements CommandHandler {

    static final String COMMIT = "roster-import-commit";
    static final String COMMIT_VALID = "roster-import-commit-valid";
    static final String CANCEL = "roster-import-cancel";
    private static final Duration UPLOAD_LIFETIME = Duration.ofHours(24);
    static final String FINISHED = "That import has already been finished or cancelled. Send the file again to start over.";
    static final String UNDER_WAY = "That import is already under way; its result follows in this chat.";
    private static final int PROBLEMS_SHOWN = 10;
    private static final Logger LOG = LoggerFactory.getLogger(RosterImportCommand.class);

    private final Access access;
    private final ImportingRoster importing;
    private final RosterUploadRepository uploads;
    private final FileDownloads downloads;
    private final CardTemplates cards;
    private final RosterSettings settings;
    private final Clock clock;

    RosterImportCommand(Access access, ImportingRoster importing, RosterUploadRepository uploads, FileDownloads downloads,
                        CardTemplates cards, RosterSettings settings, Clock clock) {
        this.access = access;
        this.importing = importing;
        this.uploads = uploads;
        this.downloads = downloads;
        this.cards = cards;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Set<String> commands() {
        return Set.of("roster import");
    }

    @Override
    public Set<String> cardActions() {
        return Set.of(COMMIT, COMMIT_VALID, CANCEL);
    }

    @Override
    public boolean acceptsFiles() {
        return true;
    }

    @Override
    public List<HelpEntry> help() {
        return List.of(new HelpEntry("roster import", "Send the roster CSV file with this message: I check it and show"
                + " what would change before anything is imported.", Set.of(Role.PROGRAMME_TEAM)));
    }

    @Override
    public List<Reply> handle(Turn turn) {
        Optional<Long> actor = turn.person().map(Person::id);
        if (actor.isEmpty() || !access.may(actor.get(), Action.MANAGE_ROSTER, null)) {
            return List.of(Reply.text("Only the programme team can import the roster."));
        }
        if (turn.kind() == Turn.Kind.CARD_ACTION) {
            return decide(turn, actor.get());
        }
        Optional<Turn.Attachment> file = turn.attachments().stream().findFirst();
        if (file.isEmpty()) {
            return List.of(Reply.text("Send me the roster as a CSV file in this chat (attach it to a message). The"
                    + " columns are: " + String.join(", ", RosterCsv.COLUMNS) + ". I'll check it and show you what would"
                    + " change before anything is imported."));
        }
        return dryRun(file.get(), actor.get());
    }

    private List<Reply> dryRun(Turn.Attachment file, long actor) {
        if (!file.name().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return List.of(Reply.text("That doesn't look like a CSV file. Save the roster as *CSV UTF-8* and send it again."));
        }
        byte[] content;
        try {
            content = downloads.download(file, settings.importMaxBytes());
        } catch (FileDownloads.TooLarge e) {
            return List.of(Reply.text("That file is too large (over " + settings.importMaxBytes() / (1024 * 1024)
                    + " MB). Split it, for example one file per cohort. Nothing was imported."));
        } catch (IOException e) {
            LOG.warn("Could not download a roster file: {}", e.getClass().getSimpleName());
            return List.of(Reply.text("I couldn't fetch that file from Teams. Please send it again."));
        }
        ImportReport report;
        try {
            report = importing.importCsv(content, ImportMode.DRY_RUN, AuditLog.person(actor), "bot dry run");
        } catch (MalformedRoster e) {
            return List.of(Reply.text(e.getMessage()));
        }
        Instant now = clock.instant();
        RosterUpload upload = uploads.save(new RosterUpload(null, actor, truncate(file.name(), 255),
                new String(content, StandardCharsets.UTF_8), RosterUpload.PENDING, now, null));
        return List.of(Reply.card(cards.render("roster-import", cardData(report, upload.id(), file.name()))));
    }

    private List<Reply> decide(Turn turn, long actor) {
        String action = turn.action().orElse("");
        Optional<RosterUpload> found = uploadId(turn).flatMap(uploads::findById).filter(u -> u.uploadedBy() == actor);
        if (found.isPresent() && RosterUpload.COMMITTING.equals(found.get().status())) {
            return List.of(Reply.text(UNDER_WAY));
        }
        if (found.isEmpty() || !RosterUpload.PENDING.equals(found.get().status())) {
            return List.of(Reply.text(FINISHED));
        }
        RosterUpload upload = found.get();
        Instant now = clock.instant();
        if (action.equals(CANCEL)) {
            if (uploads.moveStatus(upload.id(), actor, RosterUpload.PENDING, "CANCELLED") != 1) {
                return List.of(Reply.text(FINISHED));
            }
            uploads.update(upload.finished("CANCELLED", now));
            return List.of(Reply.text("Cancelled; nothing was imported."));
        }
        if (upload.uploadedAt().plus(UPLOAD_LIFETIME).isBefore(now) || upload.content() == null) {
            uploads.update(upload.finished("EXPIRED", now));
            return List.of(Reply.text("That file was sent more than a day ago. Please send it again."));
        }
        // One press wins the upload; presses arriving at the same moment (or a double click) are told so.
        if (uploads.moveStatus(upload.id(), actor, RosterUpload.PENDING, RosterUpload.COMMITTING) != 1) {
            return List.of(Reply.text(UNDER_WAY));
        }
        ImportMode mode = action.equals(COMMIT_VALID) ? ImportMode.COMMIT_VALID_ROWS : ImportMode.COMMIT;
        ImportReport report;
        try {
            report = importing.importCsv(upload.content().getBytes(StandardCharsets.UTF_8), mode,
                    AuditLog.person(actor), "bot import of " + (upload.fileName() == null ? "a file" : upload.fileName()));
        } catch (MalformedRoster e) {
            uploads.update(upload.finished("FAILED", now));
            return List.of(Reply.text(e.getMessage()));
        } catch (Conflict e) {
            uploads.moveStatus(upload.id(), actor, RosterUpload.COMMITTING, RosterUpload.PENDING);
            return List.of(Reply.text(e.getMessage()));
        } catch (RuntimeException e) {
            uploads.moveStatus(upload.id(), actor, RosterUpload.COMMITTING, RosterUpload.PENDING);
            throw e;
        }
        if (!report.committed()) {
            uploads.moveStatus(upload.id(), actor, RosterUpload.COMMITTING, RosterUpload.PENDING);
            return List.of(Reply.text("Nothing was imported: the roster has changed since the check and "
                    + report.problems().size() + " row(s) now have problems. Send the file again for a fresh check."));
        }
        uploads.update(upload.finished("COMMITTED", now));
        return List.of(Reply.text(report.summary()));
    }

    private static Optional<Long> uploadId(Turn turn) {
        return turn.cardId("uploadId");
    }

    private static Map<String, Object> cardData(ImportReport report, long uploadId, String fileName) {
        Map<String, Object> data = new HashMap<>();
        data.put("fileName", fileName);
        data.put("summary", report.summary());
        data.put("uploadId", String.valueOf(uploadId));
        data.put("problems", report.problems().stream().limit(PROBLEMS_SHOWN)
                .map(p -> Map.of("problem", "Line " + p.line() + ": " + p.reason()
                        + (p.email() == null ? "" : " (" + p.email() + ")")))
                .toList());
        data.put("moreProblems", report.problems().size() > PROBLEMS_SHOWN
                ? "…and " + (report.problems().size() - PROBLEMS_SHOWN) + " more." : "");
        data.put("canImportAll", report.clean() && report.validRows() > 0);
        data.put("canImportValid", !report.clean() && report.validRows() > 0);
        data.put("validRows", String.valueOf(report.validRows()));
        return data;
    }

    private static String truncate(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}
