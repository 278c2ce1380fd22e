package uk.nhs.hps.faq;

import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.conversation.CommandHandler;
import uk.nhs.hps.conversation.HelpEntry;
import uk.nhs.hps.conversation.PlainText;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.conversation.Turn;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.Role;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The FAQ's buttons (pick a suggestion, feedback, ask the programme team, answer / close / promote a ticket)
 * and the programme team's {@code faq ...} commands. Every submitted id is checked: a question must be the
 * clicker's own; the {@code faq} commands and ticket buttons are for current programme-team members only
 * ({@link Access#isProgrammeTeam}), whatever the person's recorded role.
 */
@Singleton
class FaqActions implements CommandHandler {

    static final String PICK = "faq.pick";
    static final String FEEDBACK = "faq.feedback";
    static final String ASK = "faq.ask";
    static final String TICKET_ANSWER = "faq.ticket.answer";
    static final String TICKET_CLOSE = "faq.ticket.close";
    static final String TICKET_PROMOTE = "faq.ticket.promote";
    static final int MAX_ANSWER_CHARS = 4000;
    /** The words after "faq" that are the programme team's commands rather than a question. */
    private static final Set<String> TEAM_VERBS = Set.of("reload", "reimport", "explain", "disable", "enable", "gaps");
    static final String TEAM_ONLY = "Only the programme team can use the FAQ commands. Nothing was changed."
            + " To ask a question, just type it.";

    private final KnowledgeBase knowledgeBase;
    private final FaqAnswerer answerer;
    private final FaqTickets tickets;
    private final FaqStore.Queries queries;
    private final FaqStore.Feedback feedback;
    private final FaqCards cards;
    private final Access access;
    private final java.time.Clock clock;

    FaqActions(KnowledgeBase knowledgeBase, FaqAnswerer answerer, FaqTickets tickets, FaqStore.Queries queries,
               FaqStore.Feedback feedback, FaqCards cards, Access access, java.time.Clock clock) {
        this.access = access;
        this.knowledgeBase = knowledgeBase;
        this.answerer = answerer;
        this.tickets = tickets;
        this.queries = queries;
        this.feedback = feedback;
        this.cards = cards;
        this.clock = clock;
    }

    @Override
    public Set<String> commands() {
        return Set.of("faq");
    }

    @Override
    public Set<String> cardActions() {
        return Set.of(PICK, FEEDBACK, ASK, TICKET_ANSWER, TICKET_CLOSE, TICKET_PROMOTE);
    }

    @Override
    public List<HelpEntry> help() {
        Set<Role> team = Set.of(Role.PROGRAMME_TEAM);
        return List.of(
                new HelpEntry("faq reload", "Rebuild the FAQ search from the database (after edits).", team),
                new HelpEntry("faq reimport", "Re-import the FAQ shipped with the bot, overwriting those entries.", team),
                new HelpEntry("faq explain <question>", "Show how the FAQ would answer a question, and why.", team),
                new HelpEntry("faq disable <id> / faq enable <id>", "Take an FAQ entry out of use, or back in.", team),
                new HelpEntry("faq gaps", "Questions the FAQ could not answer confidently, most asked first.", team));
    }

    @Override
    public List<Reply> handle(Turn turn) {
        if (turn.kind() == Turn.Kind.CARD_ACTION) {
            return switch (turn.action().orElse("")) {
                case PICK -> pick(turn);
                case FEEDBACK -> feedback(turn);
                case ASK -> ask(turn);
                case TICKET_ANSWER -> answerTicket(turn);
                case TICKET_CLOSE -> closeTicket(turn);
                case TICKET_PROMOTE -> promoteTicket(turn);
                default -> List.of(unknownButton());
            };
        }
        if (!isProgrammeTeam(turn)) {
            // a team command from anyone else is refused; other "faq ..." text is a question that starts with "faq"
            return isTeamCommand(turn) ? List.of(Reply.text(TEAM_ONLY)) : answerer.answer(turn);
        }
        return command(turn);
    }

    /** People who have left may still ask questions and use the answer buttons; the team's commands are not theirs. */
    @Override
    public boolean openToPeopleWhoHaveLeft(Turn turn) {
        return turn.kind() == Turn.Kind.CARD_ACTION
                ? Set.of(PICK, FEEDBACK, ASK).contains(turn.action().orElse(""))
                : !isTeamCommand(turn);
    }

    private static boolean isTeamCommand(Turn turn) {
        String[] words = turn.text().strip().toLowerCase(Locale.ROOT).split("\\s+");
        return words.length >= 2 && words[0].equals("faq") && TEAM_VERBS.contains(words[1]);
    }

    // ---- buttons on the participant's cards

    private List<Reply> pick(Turn turn) {
        Optional<FaqStore.QueryRow> query = ownQuery(turn);
        Optional<KnowledgeEntry> entry = turn.cardText("entryId").flatMap(id -> knowledgeBase.index().entry(id));
        if (query.isEmpty() || entry.isEmpty()) {
            return List.of(unknownButton());
        }
        FaqStore.QueryRow picked = queries.update(query.get().picked(entry.get().id()));
        return List.of(cards.answer(picked.id(), picked.question(), entry.get()));
    }

    private List<Reply> feedback(Turn turn) {
        Optional<FaqStore.QueryRow> query = ownQuery(turn);
        Object helpfulValue = turn.cardData().get("helpful");
        Boolean helpful = helpfulValue instanceof Boolean b ? b
                : "true".equals(String.valueOf(helpfulValue)) ? Boolean.TRUE
                : "false".equals(String.valueOf(helpfulValue)) ? Boolean.FALSE : null;
        if (query.isEmpty() || query.get().entryId() == null || helpful == null) {
            return List.of(unknownButton());
        }
        FaqStore.QueryRow q = query.get();
        Optional<FaqStore.FeedbackRow> earlier = feedback.findByQueryId(q.id());
        FaqStore.FeedbackRow row = new FaqStore.FeedbackRow(earlier.map(FaqStore.FeedbackRow::id).orElse(null), q.id(),
                q.entryId(), q.question(), helpful, clock.instant());
        if (earlier.isPresent()) {
            feedback.update(row);
        } else {
            feedback.save(row);
        }
        return List.of(Reply.text(helpful ? "Thanks, glad that helped."
                : "Thanks for telling me. The programme team reviews answers people didn't find helpful. If you"
                  + " still need an answer, press **Ask the programme team** on the card."));
    }

    private List<Reply> ask(Turn turn) {
        Optional<FaqStore.QueryRow> query = ownQuery(turn);
        if (query.isEmpty()) {
            return List.of(unknownButton());
        }
        String name = turn.person().map(Person::displayName).orElse(turn.displayName() == null ? "someone" : turn.displayName());
        FaqTickets.Raised raised = tickets.raise(query.get(), name);
        if (!raised.created()) {
            return List.of(Reply.text("You've already passed this question to the programme team (question #"
                    + raised.ticket().id() + "). Their answer will come to this chat."));
        }
        return List.of(Reply.text("Thanks. I've passed your question to the programme team (question #"
                + raised.ticket().id() + "). Their answer will come to this chat"
                + (raised.notified() == 0 ? "; they'll see it when they next check their questions." : ".")));
    }

    // ---- buttons on the programme team's ticket cards

    private List<Reply> answerTicket(Turn turn) {
        Optional<FaqStore.TicketRow> ticket = ticketFor(turn);
        if (ticket.isEmpty()) {
            return List.of(ticketError(turn));
        }
        if (!ticket.get().status().equals(FaqStore.TicketStatus.OPEN.name())) {
            return List.of(cards.teamError("That question is already dealt with",
                    "Question #" + ticket.get().id() + " was " + ticket.get().status().toLowerCase(Locale.ROOT) + " earlier."));
        }
        String answer = turn.cardText("answer").orElse("");
        if (answer.isBlank() || answer.length() > MAX_ANSWER_CHARS) {
            return List.of(cards.teamError("The answer needs some text",
                    "Type an answer of up to " + MAX_ANSWER_CHARS + " characters in the box, then press Send answer."));
        }
        boolean delivered = tickets.answer(ticket.get(), answer, turn.person().map(Person::id).orElse(null));
        return List.of(cards.ticketAnswered(ticket.get().id(), ticket.get().question(), answer, delivered));
    }

    private List<Reply> closeTicket(Turn turn) {
        Optional<FaqStore.TicketRow> ticket = ticketFor(turn);
        if (ticket.isEmpty()) {
            return List.of(ticketError(turn));
        }
        if (!ticket.get().status().equals(FaqStore.TicketStatus.OPEN.name())) {
            return List.of(Reply.text("Question #" + ticket.get().id() + " was already "
                    + ticket.get().status().toLowerCase(Locale.ROOT) + "."));
        }
        tickets.close(ticket.get(), turn.person().map(Person::id).orElse(null));
        return List.of(Reply.text("Closed question #" + ticket.get().id() + " without an answer."));
    }

    private List<Reply> promoteTicket(Turn turn) {
        Optional<FaqStore.TicketRow> ticket = ticketFor(turn);
        if (ticket.isEmpty()) {
            return List.of(ticketError(turn));
        }
        FaqStore.TicketRow t = ticket.get();
        if (t.promotedEntryId() != null) {
            return List.of(Reply.text("Question #" + t.id() + " is already in the FAQ as `" + t.promotedEntryId() + "`."));
        }
        if (!t.status().equals(FaqStore.TicketStatus.ANSWERED.name())) {
            return List.of(cards.teamError("Nothing to add yet", "Question #" + t.id() + " has no answer to add to the FAQ."));
        }
        KnowledgeEntry entry = tickets.promote(t, actor(turn));
        return List.of(Reply.text("Added to the FAQ as `" + entry.id() + "` under *" + entry.category()
                + "*. It is live now; add other phrasings or edit it through the FAQ admin."));
    }

    // ---- the programme team's commands

    private List<Reply> command(Turn turn) {
        String rest = turn.text().strip().substring(3).strip();
        String verb = rest.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        String argument = rest.contains(" ") ? rest.substring(rest.indexOf(' ') + 1).strip() : "";
        return switch (verb) {
            case "reload" -> List.of(Reply.text("FAQ reloaded: " + knowledgeBase.reload() + " entries in use."));
            case "reimport" -> {
                int imported = knowledgeBase.reimport(actor(turn));
                yield List.of(Reply.text("Re-imported " + imported + " entries from the shipped FAQ; "
                        + knowledgeBase.index().size() + " entries in use."));
            }
            case "explain" -> argument.isEmpty() ? List.of(Reply.text("Usage: **faq explain** *question*"))
                    : List.of(Reply.text(knowledgeBase.index().match(FaqIndex.clean(argument)).explain()));
            case "disable", "enable" -> {
                boolean on = verb.equals("enable");
                yield List.of(Reply.text(knowledgeBase.setEnabled(argument, on, actor(turn))
                        ? "FAQ entry `" + argument + "` " + (on ? "enabled" : "disabled") + "; the change is live."
                        : "There is no FAQ entry `" + PlainText.inline(argument, 80) + "`."));
            }
            case "gaps" -> List.of(Reply.text(gaps()));
            default -> List.of(Reply.text("FAQ commands: **faq reload**, **faq reimport**, **faq explain** *question*,"
                    + " **faq disable** *id*, **faq enable** *id*, **faq gaps**."));
        };
    }

    private String gaps() {
        List<FaqStore.Gap> gaps = queries.gaps(10);
        if (gaps.isEmpty()) {
            return "No unanswered or unsure questions logged yet.";
        }
        StringBuilder out = new StringBuilder("Questions the FAQ could not answer confidently (most asked first):\n\n");
        for (FaqStore.Gap gap : gaps) {
            out.append("- ").append(PlainText.inline(gap.normalised(), 200)).append(" (").append(gap.times())
                    .append(gap.times() == 1 ? " time" : " times").append(")\n");
        }
        return out.toString().strip();
    }

    // ---- checks on submitted data

    private Optional<FaqStore.QueryRow> ownQuery(Turn turn) {
        return turn.cardId("queryId").flatMap(queries::findById).filter(q -> q.teamsUserId().equals(turn.teamsUserId()));
    }

    private Optional<FaqStore.TicketRow> ticketFor(Turn turn) {
        if (!isProgrammeTeam(turn)) {
            return Optional.empty();
        }
        return turn.cardId("ticketId").flatMap(tickets::find);
    }

    private Reply ticketError(Turn turn) {
        return isProgrammeTeam(turn)
                ? cards.teamError("I couldn't find that question", "The question this button refers to doesn't exist.")
                : cards.error("Only the programme team can do that", "This button is for the HPS programme team.");
    }

    private Reply unknownButton() {
        return cards.error("Sorry, that button didn't work",
                "I couldn't match it to a question you asked. It may be from an old or altered card.");
    }

    private boolean isProgrammeTeam(Turn turn) {
        return turn.person().map(Person::id).filter(access::isProgrammeTeam).isPresent();
    }

    private static String actor(Turn turn) {
        return turn.person().map(Person::email).orElse(turn.teamsUserId());
    }


}
