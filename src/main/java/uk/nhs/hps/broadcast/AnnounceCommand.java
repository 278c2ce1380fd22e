package uk.nhs.hps.broadcast;

import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Conflict;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.cohort.ManagingCohorts;
import uk.nhs.hps.conversation.CardTemplates;
import uk.nhs.hps.conversation.CommandHandler;
import uk.nhs.hps.conversation.HelpEntry;
import uk.nhs.hps.conversation.Markdown;
import uk.nhs.hps.conversation.PlainText;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.conversation.Turn;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.Role;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Announcements in the chat. The programme team: {@code announce} → compose card → preview (as recipients
 * will see it) with the audience size → send now or at a time. Everyone: Acknowledge on announcements.
 */
@Singleton
class AnnounceCommand implements CommandHandler {

    static final String PREVIEW = "announce.preview";
    static final String SEND = "announce.send";
    static final String DISCARD = "announce.discard";
    /** How many announcements the chat's delivery summary covers. */
    static final int LATEST = 5;
    static final String ACKNOWLEDGE = "announcement.ack";

    private final ComposingAnnouncement composing;
    private final SendingAnnouncement sending;
    private final RevisingAnnouncement revising;
    private final AcknowledgingAnnouncement acknowledging;
    private final AnnouncementCards cards;
    private final CardTemplates templates;
    private final ManagingCohorts cohorts;
    private final Access access;
    private final ReportingAnnouncement reporting;

    AnnounceCommand(ComposingAnnouncement composing, SendingAnnouncement sending, RevisingAnnouncement revising,
                    AcknowledgingAnnouncement acknowledging, AnnouncementCards cards, CardTemplates templates,
                    ManagingCohorts cohorts, Access access, ReportingAnnouncement reporting) {
        this.reporting = reporting;
        this.composing = composing;
        this.sending = sending;
        this.revising = revising;
        this.acknowledging = acknowledging;
        this.cards = cards;
        this.templates = templates;
        this.cohorts = cohorts;
        this.access = access;
    }

    @Override
    public Set<String> commands() {
        return Set.of("announce", "announcements");
    }

    @Override
    public Set<String> cardActions() {
        return Set.of(PREVIEW, SEND, DISCARD, ACKNOWLEDGE);
    }

    @Override
    public List<HelpEntry> help() {
        return List.of(new HelpEntry("announce", "Write an announcement to a cohort, preview it and send or schedule it.",
                Set.of(Role.PROGRAMME_TEAM)),
                new HelpEntry("announcements", "How the latest announcements were delivered: sent, failed and why, acknowledged.",
                        Set.of(Role.PROGRAMME_TEAM)));
    }

    @Override
    public List<Reply> handle(Turn turn) {
        if (ACKNOWLEDGE.equals(turn.action().orElse(null))) {
            return acknowledge(turn);
        }
        Optional<Long> author = turn.person().map(Person::id).filter(access::isProgrammeTeam);
        if (author.isEmpty()) {
            return List.of(Reply.text("Only the programme team can send announcements. If you have news for your"
                    + " cohort, please contact the programme team."));
        }
        if (turn.action().isEmpty() && turn.text().strip().toLowerCase(java.util.Locale.ROOT).startsWith("announcements")) {
            return List.of(Reply.text(deliveries(author.get())));
        }
        try {
            return switch (turn.action().orElse("")) {
                case PREVIEW -> preview(turn, author.get());
                case SEND -> send(turn, author.get());
                case DISCARD -> discard(turn, author.get());
                default -> List.of(compose(Map.of(), null));
            };
        } catch (InvalidRequest | Conflict | NotFound problem) {
            return turn.action().filter(PREVIEW::equals).isPresent()
                    ? List.of(compose(turn.cardData(), problem.getMessage()))
                    : List.of(Reply.text("⚠ " + problem.getMessage()));
        }
    }

    private List<Reply> preview(Turn turn, long author) {
        ComposingAnnouncement.Draft draft = composing.draft(author, content(turn), audience(turn));
        Map<String, Object> confirm = new HashMap<>();
        confirm.put("id", draft.announcement().id());
        confirm.put("recipients", draft.recipients());
        confirm.put("people", draft.recipients() == 1 ? "person" : "people");
        confirm.put("unknownEmails", String.join(", ", draft.unknownEmails()));
        return List.of(cards.forRecipient(draft.announcement().id(), draft.announcement().content(), false,
                        "Preview: only you can see this."),
                Reply.card(templates.render("announce-confirm", confirm)));
    }

    private List<Reply> send(Turn turn, long author) {
        long id = announcementId(turn);
        String date = turn.cardText("sendDate").orElse(null);
        String time = turn.cardText("sendTime").orElse(null);
        LocalDateTime at = null;
        if (date != null || time != null) {
            if (date == null || time == null) {
                throw new InvalidRequest("To schedule, choose both a date and a time; leave both empty to send now.");
            }
            try {
                at = LocalDateTime.of(LocalDate.parse(date), LocalTime.parse(time));
            } catch (DateTimeParseException e) {
                throw new InvalidRequest("That date or time could not be read; use the pickers.");
            }
        }
        SendingAnnouncement.Scheduled scheduled = sending.send(id, author, at, null);
        String who = scheduled.recipients() + (scheduled.recipients() == 1 ? " person" : " people");
        // the confirmation card is replaced by this, so Send cannot be pressed twice
        return List.of(at == null
                ? templates.outcome("Sent", Markdown.of("Announcement #" + id + " is on its way to " + who + "."))
                : templates.outcome("Scheduled", Markdown.of("Announcement #" + id + " is scheduled for " + scheduled.when()
                        + ", to " + who + ".")));
    }

    private List<Reply> discard(Turn turn, long author) {
        revising.cancel(announcementId(turn), author);
        return List.of(templates.outcome("Discarded", Markdown.of("Discarded. Nothing was sent.")));
    }

    /** The latest announcements' delivery, as the admin API's status reports it. */
    private String deliveries(long actor) {
        // newest first by id: announcements created in the same instant still come in the order they were made
        List<Announcement> latest = reporting.list(actor).stream()
                .sorted(java.util.Comparator.comparing(Announcement::id).reversed()).limit(LATEST).toList();
        if (latest.isEmpty()) {
            return "No announcements yet. Type **announce** to write one.";
        }
        StringBuilder out = new StringBuilder("**The latest announcements**");
        for (Announcement a : latest) {
            ReportingAnnouncement.Status s = reporting.status(a.id(), actor);
            out.append("\n\n- **").append(PlainText.of(s.title(), 120)).append("** (").append(s.state().toLowerCase(java.util.Locale.ROOT))
                    .append("): ").append(s.sent()).append(" of ").append(s.total()).append(" delivered");
            if (s.failed() > 0) {
                out.append(", ").append(s.failed()).append(" failed (");
                out.append(String.join("; ", s.failedByReason().entrySet().stream()
                        .map(e -> PlainText.of(e.getKey(), 200) + ": " + e.getValue()).toList())).append(")");
            }
            if (s.pending() > 0) {
                out.append(", ").append(s.pending()).append(" still to send");
            }
            out.append(", ").append(s.acknowledged()).append(" acknowledged");
        }
        return out.append("\n\nThe admin API's recipients.csv lists each person.").toString();
    }

    private List<Reply> acknowledge(Turn turn) {
        Optional<Reply> refreshed = turn.person().flatMap(p -> {
            try {
                return acknowledging.acknowledge(announcementId(turn), p.id());
            } catch (InvalidRequest e) {
                return Optional.empty();
            }
        });
        return List.of(refreshed.orElse(Reply.text("That announcement can't be acknowledged from here.")));
    }

    private Reply compose(Map<String, Object> previous, String error) {
        Map<String, Object> data = new HashMap<>();
        for (String field : List.of("title", "body", "imageUrl", "linkTitle", "linkUrl", "audience", "cohortIds", "role", "emails")) {
            data.put(field, previous.getOrDefault(field, "") == null ? "" : String.valueOf(previous.getOrDefault(field, "")));
        }
        data.put("askAcknowledgement", String.valueOf(previous.getOrDefault("askAcknowledgement", "false")));
        data.put("error", error == null ? "" : "⚠ " + error);
        data.put("cohorts", cohorts.list().stream().map(c -> Map.<String, Object>of("id", c.id(), "name", c.name())).toList());
        return Reply.card(templates.render("announce-compose", data));
    }

    private static Announcement.Content content(Turn turn) {
        return new Announcement.Content(field(turn, "title"), field(turn, "body"), field(turn, "imageUrl"),
                field(turn, "linkTitle"), field(turn, "linkUrl"), "true".equals(field(turn, "askAcknowledgement")));
    }

    private static Audience audience(Turn turn) {
        String kind = turn.cardText("audience")
                .orElseThrow(() -> new InvalidRequest("Choose who the announcement is for."));
        try {
            List<Long> cohortIds = split(field(turn, "cohortIds")).stream().map(Long::valueOf).toList();
            String role = field(turn, "role");
            return new Audience(Audience.Kind.valueOf(kind), cohortIds, role == null ? null : Role.valueOf(role),
                    split(field(turn, "emails")));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("That audience choice isn't one I know; choose again from the list.");
        }
    }

    private static long announcementId(Turn turn) {
        return turn.cardId("announcementId")
                .orElseThrow(() -> new InvalidRequest("That button refers to an announcement I can't find."));
    }

    private static List<String> split(String value) {
        return value == null ? List.of() : Arrays.stream(value.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    private static String field(Turn turn, String key) {
        return turn.cardText(key).orElse(null);
    }
}
