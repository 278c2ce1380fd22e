package uk.nhs.hps.roster;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.conversation.CardTemplates;
import uk.nhs.hps.conversation.CommandHandler;
import uk.nhs.hps.conversation.FileDownloads;
import uk.nhs.hps.conversation.HelpEntry;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.conversation.Turn;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.Role;

import java.io.IOException;
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

    static final String COMMIT = "roster.import.all";
    static final String COMMIT_VALID = "roster.import.valid";
    static final String CANCEL = "roster.import.cancel";
    static final String FINISHED = "That import has already been finished or cancelled. Send the file again to start over.";
    /** The press that started the import sends its result; if that service stopped, only a new file gets one. */
    static final String UNDER_WAY = "That import is already under way; its result follows in this chat. If nothing has"
            + " come within %d minutes, the service may have stopped part-way: send the file again (an import applies"
            + " everything or nothing, so nothing is applied twice).";
    static final String INTERRUPTED = "Nothing from that file was imported: the service stopped while importing it"
            + " (an import saves everything or nothing). Send the file again to check it and import it.";
    private static final int PROBLEMS_SHOWN = 10;

    static String underWay(RosterSettings settings) {
        return UNDER_WAY.formatted(Math.max(1, settings.importLease().toMinutes()));
    }
    private static final Logger LOG = LoggerFactory.getLogger(RosterImportCommand.class);

    private final Access access;
    private final ImportingUploadedRoster uploads;
    private final FileDownloads downloads;
    private final CardTemplates cards;
    private final RosterSettings settings;

    RosterImportCommand(Access access, ImportingUploadedRoster uploads, FileDownloads downloads, CardTemplates cards,
                        RosterSettings settings) {
        this.access = access;
        this.uploads = uploads;
        this.downloads = downloads;
        this.cards = cards;
        this.settings = settings;
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
        ImportingUploadedRoster.Checked checked = uploads.check(new ImportingUploadedRoster.CheckUpload(actor, file.name(), content));
        if (checked instanceof ImportingUploadedRoster.DryRun run) {
            return List.of(Reply.card(cards.render("roster-import", cardData(run.report(), run.uploadId(), file.name()))));
        }
        return List.of(Reply.text(((ImportingUploadedRoster.Malformed) checked).message()));
    }

    private List<Reply> decide(Turn turn, long actor) {
        String action = turn.action().orElse("");
        ImportingUploadedRoster.Decision decision = action.equals(CANCEL) ? ImportingUploadedRoster.Decision.CANCEL
                : action.equals(COMMIT_VALID) ? ImportingUploadedRoster.Decision.IMPORT_VALID_ROWS
                : ImportingUploadedRoster.Decision.IMPORT_ALL;
        ImportingUploadedRoster.Decided decided = uploads.decide(new ImportingUploadedRoster.DecideUpload(actor,
                turn.cardId("uploadId"), decision));
        if (!turn.updatesCard()) {
            return List.of(Reply.text(reply(decided)));
        }
        // another import running is worth retrying from the same card; every other answer ends the card's use
        return List.of(decided instanceof ImportingUploadedRoster.Busy busy
                ? cards.error("Not imported yet", busy.message(), null)
                : cards.outcome("Roster import", reply(decided)));
    }

    private String reply(ImportingUploadedRoster.Decided decided) {
        if (decided instanceof ImportingUploadedRoster.Finished) {
            return FINISHED;
        }
        if (decided instanceof ImportingUploadedRoster.UnderWay) {
            return underWay(settings);
        }
        if (decided instanceof ImportingUploadedRoster.Cancelled) {
            return "Cancelled; nothing was imported.";
        }
        if (decided instanceof ImportingUploadedRoster.Interrupted) {
            return INTERRUPTED;
        }
        if (decided instanceof ImportingUploadedRoster.Expired) {
            return "That file was sent more than a day ago. Please send it again.";
        }
        if (decided instanceof ImportingUploadedRoster.Malformed malformed) {
            return malformed.message();
        }
        if (decided instanceof ImportingUploadedRoster.Busy busy) {
            return busy.message();
        }
        if (decided instanceof ImportingUploadedRoster.ChangedSinceCheck changed) {
            return "Nothing was imported: the roster has changed since the check and " + changed.problems()
                    + " row(s) now have problems. Send the file again for a fresh check.";
        }
        return ((ImportingUploadedRoster.Imported) decided).report().summary();
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
}
