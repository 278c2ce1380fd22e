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
import java.util.Optional;
import java.util.Set;

/**
 * The FAQ's buttons (pick a suggestion, feedback, ask the programme team, answer / close / promote a ticket)
 * and the programme team's {@code faq ...} commands, read into commands for {@link FollowingUpQuestions},
 * {@link FaqTickets} and {@link CuratingFaq}, whose outcomes become the replies. Every submitted id is checked there:
 * a question must be the clicker's own; ticket buttons are for current programme-team members only
 * ({@link Access#isProgrammeTeam}), whatever the person's recorded role, and so are the {@code faq} commands.
 */
@Singleton
class FaqActions implements CommandHandler {

    static final String PICK = "faq.pick";
    static final String FEEDBACK = "faq.feedback";
    static final String ASK = "faq.ask";
    static final String TICKET_ANSWER = "faq.ticket.answer";
    static final String TICKET_CLOSE = "faq.ticket.close";
    static final String TICKET_PROMOTE = "faq.ticket.promote";
    static final int MAX_ANSWER_CHARS = FaqTickets.MAX_ANSWER_CHARS;
    /** The words after "faq" that are the programme team's commands rather than a question. */
    private static final Set<String> TEAM_VERBS = Set.of("reload", "reimport", "explain", "disable", "enable", "gaps");
    static final String TEAM_ONLY = "Only the programme team can use the FAQ commands. Nothing was changed."
            + " To ask a question, just type it.";

    private final FaqAnswerer answerer;
    private final FollowingUpQuestions followUp;
    private final FaqTickets tickets;
    private final CuratingFaq curating;
    private final FaqCards cards;
    private final Access access;

    FaqActions(FaqAnswerer answerer, FollowingUpQuestions followUp, FaqTickets tickets, CuratingFaq curating,
               FaqCards cards, Access access) {
        this.answerer = answerer;
        this.followUp = followUp;
        this.tickets = tickets;
        this.curating = curating;
        this.cards = cards;
        this.access = access;
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
        Optional<Long> queryId = turn.cardId("queryId");
        Optional<String> entryId = turn.cardText("entryId");
        if (queryId.isEmpty() || entryId.isEmpty()) {
            return List.of(unknownButton());
        }
        FollowingUpQuestions.Picked picked = followUp.pick(
                new FollowingUpQuestions.PickSuggestion(queryId.get(), turn.teamsUserId(), entryId.get()));
        if (picked instanceof FollowingUpQuestions.ShowAnswer shown) {
            return List.of(cards.answer(shown.queryId(), shown.question(), shown.entry()));
        }
        return List.of(unknownButton());
    }

    private List<Reply> feedback(Turn turn) {
        Optional<Long> queryId = turn.cardId("queryId");
        Object helpfulValue = turn.cardData().get("helpful");
        Boolean helpful = helpfulValue instanceof Boolean b ? b
                : "true".equals(String.valueOf(helpfulValue)) ? Boolean.TRUE
                : "false".equals(String.valueOf(helpfulValue)) ? Boolean.FALSE : null;
        if (queryId.isEmpty() || helpful == null) {
            return List.of(unknownButton());
        }
        FollowingUpQuestions.FeedbackGiven given = followUp.giveFeedback(
                new FollowingUpQuestions.GiveFeedback(queryId.get(), turn.teamsUserId(), helpful));
        if (!(given instanceof FollowingUpQuestions.FeedbackRecorded recorded)) {
            return List.of(unknownButton());
        }
        return List.of(Reply.text(recorded.helpful() ? "Thanks, glad that helped."
                : "Thanks for telling me. The programme team reviews answers people didn't find helpful. If you"
                  + " still need an answer, press **Ask the programme team** on the card."));
    }

    private List<Reply> ask(Turn turn) {
        Optional<Long> queryId = turn.cardId("queryId");
        if (queryId.isEmpty()) {
            return List.of(unknownButton());
        }
        String name = turn.person().map(Person::displayName).orElse(turn.displayName() == null ? "someone" : turn.displayName());
        FollowingUpQuestions.Escalation escalation = followUp.escalate(
                new FollowingUpQuestions.EscalateQuestion(queryId.get(), turn.teamsUserId(), name));
        if (escalation instanceof FollowingUpQuestions.AlreadyEscalated already) {
            return List.of(Reply.text("You've already passed this question to the programme team (question #"
                    + already.ticketId() + "). Their answer will come to this chat."));
        }
        if (escalation instanceof FollowingUpQuestions.Escalated escalated) {
            return List.of(Reply.text("Thanks. I've passed your question to the programme team (question #"
                    + escalated.ticketId() + "). Their answer will come to this chat"
                    + (escalated.notified() == 0 ? "; they'll see it when they next check their questions." : ".")));
        }
        return List.of(unknownButton());
    }

    // ---- buttons on the programme team's ticket cards

    private List<Reply> answerTicket(Turn turn) {
        FaqTickets.Outcome outcome = tickets.answer(new FaqTickets.AnswerTicket(actorId(turn), turn.cardId("ticketId"),
                turn.cardText("answer").orElse("")));
        if (outcome instanceof FaqTickets.AlreadyDealtWith dealt) {
            return List.of(cards.teamError("That question is already dealt with",
                    "Question #" + dealt.ticketId() + " was " + dealt.status().toLowerCase(Locale.ROOT) + " earlier."));
        }
        if (outcome instanceof FaqTickets.AnswerNeedsText) {
            return List.of(cards.teamError("The answer needs some text",
                    "Type an answer of up to " + MAX_ANSWER_CHARS + " characters in the box, then press Send answer."));
        }
        if (outcome instanceof FaqTickets.Answered answered) {
            return List.of(cards.ticketAnswered(answered.ticketId(), answered.question(), answered.answer(), answered.delivered()));
        }
        return List.of(ticketError(outcome));
    }

    private List<Reply> closeTicket(Turn turn) {
        FaqTickets.Outcome outcome = tickets.close(new FaqTickets.CloseTicket(actorId(turn), turn.cardId("ticketId")));
        if (outcome instanceof FaqTickets.AlreadyDealtWith dealt) {
            return List.of(Reply.text("Question #" + dealt.ticketId() + " was already "
                    + dealt.status().toLowerCase(Locale.ROOT) + "."));
        }
        if (outcome instanceof FaqTickets.Closed closed) {
            return List.of(cards.closed(closed.ticketId()));
        }
        return List.of(ticketError(outcome));
    }

    private List<Reply> promoteTicket(Turn turn) {
        FaqTickets.Outcome outcome = tickets.promote(new FaqTickets.PromoteTicket(actorId(turn), turn.cardId("ticketId"),
                actor(turn)));
        if (outcome instanceof FaqTickets.AlreadyPromoted already) {
            return List.of(Reply.text("Question #" + already.ticketId() + " is already in the FAQ as `" + already.entryId() + "`."));
        }
        if (outcome instanceof FaqTickets.NothingToPromote nothing) {
            return List.of(cards.teamError("Nothing to add yet", "Question #" + nothing.ticketId() + " has no answer to add to the FAQ."));
        }
        if (outcome instanceof FaqTickets.Promoted promoted) {
            KnowledgeEntry entry = promoted.entry();
            return List.of(Reply.text("Added to the FAQ as `" + entry.id() + "` under *" + entry.category()
                    + "*. It is live now; add other phrasings or edit it through the FAQ admin."));
        }
        return List.of(ticketError(outcome));
    }

    // ---- the programme team's commands

    private List<Reply> command(Turn turn) {
        String rest = turn.text().strip().substring(3).strip();
        String verb = rest.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        String argument = rest.contains(" ") ? rest.substring(rest.indexOf(' ') + 1).strip() : "";
        return switch (verb) {
            case "reload" -> List.of(Reply.text("FAQ reloaded: " + curating.reload() + " entries in use."));
            case "reimport" -> {
                CuratingFaq.Reimported done = curating.reimport(actor(turn));
                yield List.of(Reply.text("Re-imported " + done.imported() + " entries from the shipped FAQ; "
                        + done.inUse() + " entries in use."));
            }
            case "explain" -> argument.isEmpty() ? List.of(Reply.text("Usage: **faq explain** *question*"))
                    : List.of(Reply.text(curating.explain(argument)));
            case "disable", "enable" -> {
                boolean on = verb.equals("enable");
                yield List.of(Reply.text(curating.setEnabled(argument, on, actor(turn))
                        ? "FAQ entry `" + argument + "` " + (on ? "enabled" : "disabled") + "; the change is live."
                        : "There is no FAQ entry `" + PlainText.inline(argument, 80) + "`."));
            }
            case "gaps" -> List.of(Reply.text(gaps()));
            default -> List.of(Reply.text("FAQ commands: **faq reload**, **faq reimport**, **faq explain** *question*,"
                    + " **faq disable** *id*, **faq enable** *id*, **faq gaps**."));
        };
    }

    private String gaps() {
        List<FaqStore.Gap> gaps = curating.gaps(10);
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

    // ---- replies to what the ticket buttons could not do

    private Reply ticketError(FaqTickets.Outcome outcome) {
        return outcome instanceof FaqTickets.NotTeam
                ? cards.error("Only the programme team can do that", "This button is for the HPS programme team.")
                : cards.teamError("I couldn't find that question", "The question this button refers to doesn't exist.");
    }

    private Reply unknownButton() {
        return cards.error("Sorry, that button didn't work",
                "I couldn't match it to a question you asked. It may be from an old or altered card.");
    }

    private boolean isProgrammeTeam(Turn turn) {
        return turn.person().map(Person::id).filter(access::isProgrammeTeam).isPresent();
    }

    private static Optional<Long> actorId(Turn turn) {
        return turn.person().map(Person::id);
    }

    private static String actor(Turn turn) {
        return turn.person().map(Person::email).orElse(turn.teamsUserId());
    }
}
