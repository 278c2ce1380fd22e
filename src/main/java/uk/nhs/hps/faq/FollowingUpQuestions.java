package uk.nhs.hps.faq;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Optional;

/**
 * What a person does with the FAQ's answer to their question: pick one of the suggestions, say whether the answer
 * helped, or pass the question to the programme team. Only the person who asked may do any of these.
 */
@Singleton
class FollowingUpQuestions {

    record PickSuggestion(long queryId, String teamsUserId, String entryId) {
    }

    record GiveFeedback(long queryId, String teamsUserId, boolean helpful) {
    }

    record EscalateQuestion(long queryId, String teamsUserId, String askerName) {
    }

    sealed interface Picked permits ShowAnswer, NotTheirs {
    }

    sealed interface FeedbackGiven permits FeedbackRecorded, NotTheirs {
    }

    sealed interface Escalation permits Escalated, AlreadyEscalated, NotTheirs {
    }

    /** The question (as asked) and the entry now answering it. */
    record ShowAnswer(long queryId, String question, KnowledgeEntry entry) implements Picked {
    }

    /** No such question of theirs (or, for feedback, no answer to judge), or no such entry: an old or altered card. */
    record NotTheirs() implements Picked, FeedbackGiven, Escalation {
    }

    record FeedbackRecorded(boolean helpful) implements FeedbackGiven {
    }

    /** A new ticket, and how many programme-team members could be told of it. */
    record Escalated(long ticketId, int notified) implements Escalation {
    }

    record AlreadyEscalated(long ticketId) implements Escalation {
    }

    private final FaqStore.Queries queries;
    private final FaqStore.Feedback feedback;
    private final KnowledgeBase knowledgeBase;
    private final FaqTickets tickets;
    private final Clock clock;

    FollowingUpQuestions(FaqStore.Queries queries, FaqStore.Feedback feedback, KnowledgeBase knowledgeBase,
                         FaqTickets tickets, Clock clock) {
        this.queries = queries;
        this.feedback = feedback;
        this.knowledgeBase = knowledgeBase;
        this.tickets = tickets;
        this.clock = clock;
    }

    Picked pick(PickSuggestion command) {
        Optional<FaqStore.QueryRow> query = own(command.queryId(), command.teamsUserId());
        Optional<KnowledgeEntry> entry = knowledgeBase.index().entry(command.entryId());
        if (query.isEmpty() || entry.isEmpty()) {
            return new NotTheirs();
        }
        FaqStore.QueryRow picked = queries.update(query.get().picked(entry.get().id()));
        return new ShowAnswer(picked.id(), picked.question(), entry.get());
    }

    /** One verdict per question: giving it again replaces the earlier one. */
    FeedbackGiven giveFeedback(GiveFeedback command) {
        Optional<FaqStore.QueryRow> query = own(command.queryId(), command.teamsUserId());
        if (query.isEmpty() || query.get().entryId() == null) {
            return new NotTheirs();
        }
        FaqStore.QueryRow q = query.get();
        Optional<FaqStore.FeedbackRow> earlier = feedback.findByQueryId(q.id());
        FaqStore.FeedbackRow row = new FaqStore.FeedbackRow(earlier.map(FaqStore.FeedbackRow::id).orElse(null), q.id(),
                q.entryId(), q.question(), command.helpful(), clock.instant());
        if (earlier.isPresent()) {
            feedback.update(row);
        } else {
            feedback.save(row);
        }
        return new FeedbackRecorded(command.helpful());
    }

    Escalation escalate(EscalateQuestion command) {
        Optional<FaqStore.QueryRow> query = own(command.queryId(), command.teamsUserId());
        if (query.isEmpty()) {
            return new NotTheirs();
        }
        FaqTickets.Raised raised = tickets.raise(query.get(), command.askerName());
        return raised.created() ? new Escalated(raised.ticket().id(), raised.notified())
                : new AlreadyEscalated(raised.ticket().id());
    }

    private Optional<FaqStore.QueryRow> own(long queryId, String teamsUserId) {
        return queries.findById(queryId).filter(q -> q.teamsUserId().equals(teamsUserId));
    }
}
