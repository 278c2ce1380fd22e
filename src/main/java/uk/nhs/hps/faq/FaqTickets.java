package uk.nhs.hps.faq;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micronaut.core.annotation.Nullable;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.delivery.Outbox;
import uk.nhs.hps.people.TeamsIdentity;
import uk.nhs.hps.people.TeamsIdentityRepository;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Questions escalated to the programme team: recorded as tickets (OPEN → ANSWERED or CLOSED), announced to
 * every programme-team member in Teams, answered back to the person who asked, and promotable into the FAQ.
 */
@Singleton
class FaqTickets {

    private static final Logger LOG = LoggerFactory.getLogger(FaqTickets.class);
    static final String PROMOTED_CATEGORY = "Programme team answers";

    static final int MAX_ANSWER_CHARS = 4000;
    /** The console's inbox shows at most this many questions at once (the open ones first). */
    static final int INBOX_LIMIT = 200;
    static final int MAX_ENTRY_QUESTION_CHARS = 500;
    static final int MAX_ENTRY_ANSWER_CHARS = 20_000;
    static final int MAX_PHRASINGS_CHARS = 8000;

    /** A ticket and whether it was new. */
    record Raised(FaqStore.TicketRow ticket, boolean created, int notified) {
    }

    /** A programme-team member's press of a ticket card's button; {@code actor} and {@code ticketId} as the card gave them. */
    record AnswerTicket(Optional<Long> actor, Optional<Long> ticketId, String answer) {
    }

    record CloseTicket(Optional<Long> actor, Optional<Long> ticketId) {
    }

    /**
     * {@code by} is recorded as the FAQ entry's author. {@code question} and {@code answer}, when given, replace the
     * asker's wording and the team's answer in the entry (the console lets the team edit both before promoting);
     * {@code alternatives} are other phrasings matched like the question.
     */
    record PromoteTicket(Optional<Long> actor, Optional<Long> ticketId, String by, Optional<String> question,
                         Optional<String> answer, List<String> alternatives) {
        PromoteTicket(Optional<Long> actor, Optional<Long> ticketId, String by) {
            this(actor, ticketId, by, Optional.empty(), Optional.empty(), List.of());
        }
    }

    /** One question in the console's inbox; {@code asker} is empty once the person who asked has been erased. */
    record Question(long id, String question, FaqStore.TicketStatus status, @Nullable Long personId,
                    Optional<String> asker, Instant askedAt, @Nullable Instant answeredAt, @Nullable String answer,
                    @Nullable String promotedEntryId) {
    }

    /** The questions shown (open ones first, oldest first; then the rest, newest first) and how many of each status. */
    record Inbox(List<Question> questions, Map<FaqStore.TicketStatus, Integer> counts, boolean truncated) {
    }

    sealed interface Outcome permits NotTeam, NoSuchTicket, AlreadyDealtWith, AnswerNeedsText, Answered, Closed,
            AlreadyPromoted, NothingToPromote, EntryNeedsText, Promoted {
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

    /** The edited question, answer or phrasings are blank or too long; field name to the problem, nothing saved. */
    record EntryNeedsText(Map<String, String> problems) implements Outcome {
    }

    record Promoted(KnowledgeEntry entry) implements Outcome {
    }

    private final FaqStore.Tickets tickets;
    private final KnowledgeBase knowledgeBase;
    private final Outbox outbox;
    private final TeamsIdentityRepository identities;
    private final FaqCards cards;
    private final Access access;
    private final AuditLog audit;
    private final Clock clock;

    FaqTickets(FaqStore.Tickets tickets, KnowledgeBase knowledgeBase, Outbox outbox, TeamsIdentityRepository identities,
               FaqCards cards, Access access, AuditLog audit, Clock clock) {
        this.access = access;
        this.audit = audit;
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

    /**
     * The programme team's inbox, optionally of one status. Showing who asked is a read of each asker's profile,
     * authorised and audited as the admin API's person read ({@link Action#VIEW_PROFILE}).
     */
    Inbox inbox(long actorId, @Nullable FaqStore.TicketStatus status) {
        access.require(actorId, Action.MANAGE_FAQ, null, "console: FAQ questions");
        List<FaqStore.TicketRow> all = new ArrayList<>();
        tickets.findAll().forEach(all::add);
        Map<FaqStore.TicketStatus, Integer> counts = new EnumMap<>(FaqStore.TicketStatus.class);
        for (FaqStore.TicketStatus s : FaqStore.TicketStatus.values()) {
            counts.put(s, 0);
        }
        all.forEach(t -> counts.merge(FaqStore.TicketStatus.valueOf(t.status()), 1, Integer::sum));
        Comparator<FaqStore.TicketRow> order = Comparator
                .comparing((FaqStore.TicketRow t) -> !t.status().equals(FaqStore.TicketStatus.OPEN.name()))
                .thenComparing(t -> t.status().equals(FaqStore.TicketStatus.OPEN.name())
                        ? t.createdAt().toEpochMilli() : -t.createdAt().toEpochMilli())
                .thenComparing(FaqStore.TicketRow::id);
        List<FaqStore.TicketRow> shown = all.stream().filter(t -> status == null || t.status().equals(status.name()))
                .sorted(order).toList();
        boolean truncated = shown.size() > INBOX_LIMIT;
        shown = shown.subList(0, Math.min(shown.size(), INBOX_LIMIT));
        auditAskers(actorId, shown, "console: FAQ questions inbox");
        return new Inbox(shown.stream().map(FaqTickets::question).toList(), counts, truncated);
    }

    /** One question, with its answer if it has one; a read of the asker's profile, audited as in {@link #inbox}. */
    Optional<Question> question(long actorId, long ticketId) {
        access.require(actorId, Action.MANAGE_FAQ, null, "console: FAQ question");
        Optional<FaqStore.TicketRow> ticket = tickets.findById(ticketId);
        ticket.ifPresent(t -> auditAskers(actorId, List.of(t), "console: FAQ question #" + t.id()));
        return ticket.map(FaqTickets::question);
    }

    private void auditAskers(long actorId, List<FaqStore.TicketRow> shown, String why) {
        Set<Long> askers = new LinkedHashSet<>();
        // an erased asker's ticket has lost its words and name: nothing of theirs is read
        shown.stream().filter(t -> t.personId() != null && t.askerName() != null).forEach(t -> askers.add(t.personId()));
        askers.forEach(personId -> access.require(actorId, Action.VIEW_PROFILE, personId, why));
    }

    private static Question question(FaqStore.TicketRow t) {
        return new Question(t.id(), t.question(), FaqStore.TicketStatus.valueOf(t.status()), t.personId(),
                Optional.ofNullable(t.askerName()), t.createdAt(), t.answeredAt(), t.answer(), t.promotedEntryId());
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
        String question = command.question().map(String::strip).orElse(ticket.question().strip());
        String answer = command.answer().map(String::strip).orElse(ticket.answer());
        List<String> alternatives = command.alternatives().stream().map(String::strip).filter(a -> !a.isEmpty())
                .filter(a -> !a.equalsIgnoreCase(question)).distinct().toList();
        Map<String, String> problems = new LinkedHashMap<>();
        if (question.isEmpty()) {
            problems.put("question", "Enter the question as the FAQ should show it.");
        } else if (question.length() > MAX_ENTRY_QUESTION_CHARS) {
            problems.put("question", "The question must be " + MAX_ENTRY_QUESTION_CHARS + " characters or fewer.");
        }
        if (answer == null || answer.isEmpty()) {
            problems.put("answer", "Enter the answer.");
        } else if (answer.length() > MAX_ENTRY_ANSWER_CHARS) {
            problems.put("answer", "The answer must be " + String.format("%,d", MAX_ENTRY_ANSWER_CHARS) + " characters or fewer.");
        }
        if (String.join("\n", alternatives).length() > MAX_PHRASINGS_CHARS
                || alternatives.stream().anyMatch(a -> a.length() > MAX_ENTRY_QUESTION_CHARS)) {
            problems.put("alternatives", "Keep each phrasing under " + MAX_ENTRY_QUESTION_CHARS + " characters and all of them under "
                    + String.format("%,d", MAX_PHRASINGS_CHARS) + ".");
        }
        if (!problems.isEmpty()) {
            return new EntryNeedsText(problems);
        }
        KnowledgeEntry entry = promote(ticket, question, answer, alternatives, command.by());
        audit.record(AuditLog.person(command.actor().orElseThrow()), CuratingFaq.FAQ_EDIT, null,
                "added FAQ entry " + entry.id() + " from the answer to question #" + ticket.id());
        return new Promoted(entry);
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
    private KnowledgeEntry promote(FaqStore.TicketRow ticket, String asked, String answer, List<String> alternatives,
                                   String actor) {
        String id = "team-" + ticket.id();
        String question = Character.toUpperCase(asked.charAt(0)) + asked.substring(1);
        String date = DateTimeFormatter.ISO_LOCAL_DATE.format(ticket.answeredAt().atOffset(ZoneOffset.UTC));
        KnowledgeEntry entry = knowledgeBase.save(new KnowledgeEntry(id, PROMOTED_CATEGORY, question, alternatives,
                answer, "Programme team answer to question #" + ticket.id() + " (" + date + ")", true, null),
                FaqStore.Origin.TICKET, actor);
        tickets.update(ticket.promoted(id));
        return entry;
    }
}
