package uk.nhs.hps.faq;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.delivery.Outbox;
import uk.nhs.hps.people.TeamsIdentity;
import uk.nhs.hps.people.TeamsIdentityRepository;

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

    static final int MAX_ANSWER_CHARS = 4000;

    /** A ticket and whether it was new. */
    record Raised(FaqStore.TicketRow ticket, boolean created, int notified) {
    }

    /** A programme-team member's press of a ticket card's button; {@code actor} and {@code ticketId} as the card gave them. */
    record AnswerTicket(Optional<Long> actor, Optional<Long> ticketId, String answer) {
    }

    record CloseTicket(Optional<Long> actor, Optional<Long> ticketId) {
    }

    /** {@code by} is recorded as the FAQ entry's author. */
    record PromoteTicket(Optional<Long> actor, Optional<Long> ticketId, String by) {
    }

    sealed interface Outcome permits NotTeam, NoSuchTicket, AlreadyDealtWith, AnswerNeedsText, Answered, Closed,
            AlreadyPromoted, NothingToPromote, Promoted {
    }

    /** The buttons are for current programme-team members only. */
    record NotTeam() implements Outcome {
    }

    record NoSuchTicket() implements Outcome {
    }

    /** Answered or closed already; {@code status} is what it is now. */
    record AlreadyDealtWith(long ticketId, String status) implements Outcome {
    }

    /** Blank, or longer than {@link #MAX_ANSWER_CHARS}. */
    record AnswerNeedsText() implements Outcome {
    }

    /** {@code delivered}: the person who asked can be reached in Teams and the answer is on its way. */
    record Answered(long ticketId, String question, String answer, boolean delivered) implements Outcome {
    }

    record Closed(long ticketId) implements Outcome {
    }

    record AlreadyPromoted(long ticketId, String entryId) implements Outcome {
    }

    /** Not answered, so there is nothing to add to the FAQ. */
    record NothingToPromote(long ticketId) implements Outcome {
    }

    record Promoted(KnowledgeEntry entry) implements Outcome {
    }

    private final FaqStore.Tickets tickets;
    private final KnowledgeBase knowledgeBase;
    private final Outbox outbox;
    private final TeamsIdentityRepository identities;
    private final FaqCards cards;
    private final Access access;
    private final Clock clock;

    FaqTickets(FaqStore.Tickets tickets, KnowledgeBase knowledgeBase, Outbox outbox, TeamsIdentityRepository identities,
               FaqCards cards, Access access, Clock clock) {
        this.access = access;
        this.tickets = tickets;
        this.knowledgeBase = knowledgeBase;
        this.outbox = outbox;
        this.identities = identities;
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
            // "#0": the keys these notices have always had in the outbox, so none is sent twice across an upgrade
            if (outbox.enqueueIfReachable(Outbox.Request.toPerson("faq-ticket:" + ticket.id() + ":notify:" + member + "#0",
                    member, cards.ticket(ticket.id(), askerName, ticket.question())))) {
                notified++;
            }
        }
        LOG.info("FAQ ticket raised ticketId={} programmeTeamNotified={}", ticket.id(), notified);
        return new Raised(ticket, true, notified);
    }

    Outcome answer(AnswerTicket command) {
        Optional<FaqStore.TicketRow> found = teamTicket(command.actor(), command.ticketId());
        if (found.isEmpty()) {
            return missing(command.actor());
        }
        FaqStore.TicketRow ticket = found.get();
        if (!ticket.status().equals(FaqStore.TicketStatus.OPEN.name())) {
            return new AlreadyDealtWith(ticket.id(), ticket.status());
        }
        if (command.answer().isBlank() || command.answer().length() > MAX_ANSWER_CHARS) {
            return new AnswerNeedsText();
        }
        boolean delivered = answer(ticket, command.answer(), command.actor().orElse(null));
        return new Answered(ticket.id(), ticket.question(), command.answer(), delivered);
    }

    Outcome close(CloseTicket command) {
        Optional<FaqStore.TicketRow> found = teamTicket(command.actor(), command.ticketId());
        if (found.isEmpty()) {
            return missing(command.actor());
        }
        FaqStore.TicketRow ticket = found.get();
        if (!ticket.status().equals(FaqStore.TicketStatus.OPEN.name())) {
            return new AlreadyDealtWith(ticket.id(), ticket.status());
        }
        tickets.update(ticket.closed(command.actor().orElse(null), clock.instant()));
        return new Closed(ticket.id());
    }

    Outcome promote(PromoteTicket command) {
        Optional<FaqStore.TicketRow> found = teamTicket(command.actor(), command.ticketId());
        if (found.isEmpty()) {
            return missing(command.actor());
        }
        FaqStore.TicketRow ticket = found.get();
        if (ticket.promotedEntryId() != null) {
            return new AlreadyPromoted(ticket.id(), ticket.promotedEntryId());
        }
        if (!ticket.status().equals(FaqStore.TicketStatus.ANSWERED.name())) {
            return new NothingToPromote(ticket.id());
        }
        return new Promoted(promote(ticket, command.by()));
    }

    private boolean isProgrammeTeam(Optional<Long> actor) {
        return actor.filter(access::isProgrammeTeam).isPresent();
    }

    private Optional<FaqStore.TicketRow> teamTicket(Optional<Long> actor, Optional<Long> ticketId) {
        return isProgrammeTeam(actor) ? ticketId.flatMap(tickets::findById) : Optional.empty();
    }

    private Outcome missing(Optional<Long> actor) {
        return isProgrammeTeam(actor) ? new NoSuchTicket() : new NotTeam();
    }

    /** Saves the answer and queues it for the person who asked; true if they can be reached. */
    private boolean answer(FaqStore.TicketRow ticket, String answer, Long answeredBy) {
        FaqStore.TicketRow answered = tickets.update(ticket.answered(answer, answeredBy, clock.instant()));
        // the asker may not be on the roster, so the answer goes to the Teams account that asked
        Optional<TeamsIdentity> asker = identities.findByTeamsUserId(answered.teamsUserId());
        asker.ifPresent(identity -> outbox.enqueue(Outbox.Request.toTeamsIdentity(
                "faq-ticket:" + ticket.id() + ":answer:" + answered.answeredAt().toEpochMilli() + "#0", identity.id(),
                cards.answerFromTeam(answered.question(), answer))));
        boolean queued = asker.isPresent();
        LOG.info("FAQ ticket answered ticketId={} queued={}", ticket.id(), queued);
        return queued;
    }

    /** Turns an answered ticket into an FAQ entry, live at once. */
    private KnowledgeEntry promote(FaqStore.TicketRow ticket, String actor) {
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
