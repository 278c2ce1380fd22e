package uk.nhs.hps.faq;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.conversation.ProactiveMessenger;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Questions escalated to the programme team: recorded as tickets (OPEN → ANSWERED or CLOSED), announced to
 * every programme-team member in Teams, answered back to the person who asked, and promotable into the FAQ.
 */
@Singleton
class FaqTickets {

    private static final Logger LOG = LoggerFactory.getLogger(FaqTickets.class);
    static final String PROMOTED_CATEGORY = "Programme team answers";

    /** A ticket and whether it was new. */
    record Raised(FaqStore.TicketRow ticket, boolean created, int notified) {
    }

    private final FaqStore.Tickets tickets;
    private final KnowledgeBase knowledgeBase;
    private final ProactiveMessenger messenger;
    private final FaqCards cards;
    private final Access access;
    private final Clock clock;

    FaqTickets(FaqStore.Tickets tickets, KnowledgeBase knowledgeBase, ProactiveMessenger messenger, FaqCards cards,
               Access access, Clock clock) {
        this.access = access;
        this.tickets = tickets;
        this.knowledgeBase = knowledgeBase;
        this.messenger = messenger;
        this.cards = cards;
        this.clock = clock;
    }

    /** Records the question behind a query as a ticket (once per query) and notifies the programme team. */
    Raised raise(FaqStore.QueryRow query, String askerName) {
        Optional<FaqStore.TicketRow> existing = tickets.findByQueryId(query.id());
        if (existing.isPresent()) {
            return new Raised(existing.get(), false, 0);
        }
        FaqStore.TicketRow ticket = tickets.save(new FaqStore.TicketRow(null, query.id(), query.teamsUserId(),
                query.personId(), askerName, query.question(), FaqStore.TicketStatus.OPEN.name(), null, null,
                clock.instant(), null, null));
        int notified = 0;
        // only people on the programme team now: a removed or departed member never sees the asker's question
        for (Long member : access.currentProgrammeTeam()) {
            if (messenger.sendToPerson("faq-ticket:" + ticket.id() + ":notify:" + member, member,
                    List.of(cards.ticket(ticket.id(), askerName, ticket.question())))) {
                notified++;
            }
        }
        LOG.info("FAQ ticket raised ticketId={} programmeTeamNotified={}", ticket.id(), notified);
        return new Raised(ticket, true, notified);
    }

    Optional<FaqStore.TicketRow> find(long id) {
        return tickets.findById(id);
    }

    /** Saves the answer and queues it for the person who asked; true if they can be reached. */
    boolean answer(FaqStore.TicketRow ticket, String answer, Long answeredBy) {
        FaqStore.TicketRow answered = tickets.update(ticket.answered(answer, answeredBy, clock.instant()));
        boolean queued = messenger.sendToTeamsUser(
                "faq-ticket:" + ticket.id() + ":answer:" + answered.answeredAt().toEpochMilli(),
                answered.teamsUserId(), List.of(cards.answerFromTeam(answered.question(), answer)));
        LOG.info("FAQ ticket answered ticketId={} queued={}", ticket.id(), queued);
        return queued;
    }

    void close(FaqStore.TicketRow ticket, Long closedBy) {
        tickets.update(ticket.closed(closedBy, clock.instant()));
    }

    /** Turns an answered ticket into an FAQ entry, live at once. */
    KnowledgeEntry promote(FaqStore.TicketRow ticket, String actor) {
        String id = "team-" + ticket.id();
        String question = ticket.question().strip();
        question = Character.toUpperCase(question.charAt(0)) + question.substring(1);
        String date = DateTimeFormatter.ISO_LOCAL_DATE.format(ticket.answeredAt().atOffset(ZoneOffset.UTC));
        KnowledgeEntry entry = knowledgeBase.save(new KnowledgeEntry(id, PROMOTED_CATEGORY, question, List.of(),
                ticket.answer(), "Programme team answer to question #" + ticket.id() + " (" + date + ")", true, null),
                FaqStore.Origin.TICKET, actor);
        tickets.update(ticket.promoted(id));
        return entry;
    }
}
