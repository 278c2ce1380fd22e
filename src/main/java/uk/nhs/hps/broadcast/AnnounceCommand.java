package uk.nhs.hps.broadcast;

import jakarta.inject.Singleton;
import uk.nhs.hps.conversation.CardTemplates;
import uk.nhs.hps.conversation.CommandHandler;
import uk.nhs.hps.conversation.HelpEntry;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.conversation.Turn;
import uk.nhs.hps.roster.Access;
import uk.nhs.hps.roster.Conflict;
import uk.nhs.hps.roster.InvalidRequest;
import uk.nhs.hps.roster.ManagingCohorts;
import uk.nhs.hps.roster.NotFound;
import uk.nhs.hps.roster.Person;
import uk.nhs.hps.roster.Role;

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
    static final String ACKNOWLEDGE = "announcement.ack";

    private final ComposingAnnouncement composing;
    private final SendingAnnouncement sending;
    private final RevisingAnnouncement revising;
    private final AcknowledgingAnnouncement acknowledging;
    private final AnnouncementCards cards;
    private final CardTemplates templates;
    private final ManagingCohorts cohorts;
    private final Access access;

    AnnounceCommand(ComposingAnnouncement composing, SendingAnnouncement sending, RevisingAnnouncement revising,
                    AcknowledgingAnnouncement acknowledging, AnnouncementCards cards, CardTemplates templates,
                    ManagingCohorts cohorts, Access access) {
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
        return Set.of("announce");
    }

    @Override
    public Set<String> cardActions() {
        return Set.of(PREVIEW, SEND, DISCARD, ACKNOWLEDGE);
    }

    @Override
    public List<HelpEntry> help() {
        return List.of(new HelpEntry("announce", "Write an announcement to a cohort, preview it and send or schedule it.",
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
        return List.of(Reply.text(at == null
                ? "Announcement #" + id + " is on its way to " + who + "."
                : "Announcement #" + id + " is scheduled for " + scheduled.when() + ", to " + who + "."));
    }

    private List<Reply> discard(Turn turn, long author) {
        revising.cancel(announcementId(turn), author);
        return List.of(Reply.text("Discarded. Nothing was sent."));
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
