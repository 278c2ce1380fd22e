package uk.nhs.hps.faq;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import uk.nhs.hps.console.ConsolePages;
import uk.nhs.hps.console.SigningIn;
import uk.nhs.hps.console.UkTime;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The console's Questions page: the inbox of questions the bot could not answer (tickets), answering one (the answer
 * goes to the asker's chat through the outbox, as from the ticket card in Teams) and adding an answer to the FAQ with
 * an edited question. Every action goes through {@link FaqTickets}, which checks the member is on the programme team;
 * showing who asked is audited there as a read of the asker's profile.
 */
@Hidden
@Controller("/console/questions")
@ExecuteOn(TaskExecutors.BLOCKING)
class QuestionsConsoleController {

    static final String SECTION = "questions";
    private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED;

    private final FaqTickets tickets;
    private final ConsolePages pages;
    private final Clock clock;

    QuestionsConsoleController(FaqTickets tickets, ConsolePages pages, Clock clock) {
        this.tickets = tickets;
        this.pages = pages;
        this.clock = clock;
    }

    @Get
    MutableHttpResponse<String> inbox(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                      @Nullable @QueryValue String status) {
        String chosen = status == null || status.isBlank() ? "open" : status.strip().toLowerCase(Locale.ROOT);
        FaqStore.TicketStatus filter = Arrays.stream(FaqStore.TicketStatus.values())
                .filter(s -> s.name().equalsIgnoreCase(chosen)).findFirst().orElse(null);
        String shownStatus = filter == null ? "all" : chosen;
        FaqTickets.Inbox inbox = tickets.inbox(member.personId(), filter);
        Instant now = clock.instant();
        Map<String, Object> m = new HashMap<>();
        m.put("status", shownStatus);
        m.put("questions", inbox.questions().stream().map(q -> row(q, now)).toList());
        m.put("open", inbox.counts().get(FaqStore.TicketStatus.OPEN));
        m.put("answered", inbox.counts().get(FaqStore.TicketStatus.ANSWERED));
        m.put("closed", inbox.counts().get(FaqStore.TicketStatus.CLOSED));
        m.put("total", inbox.counts().values().stream().mapToInt(Integer::intValue).sum());
        m.put("truncated", inbox.truncated());
        m.put("tab", "inbox");
        return pages.page(request, "faq/inbox", SECTION, m);
    }

    @Get("/{id}")
    MutableHttpResponse<String> question(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                         long id, @Nullable @QueryValue String done) {
        return questionPage(request, member, id, HttpStatus.OK, Map.of(), Map.of(), done);
    }

    /** First a preview of the card the person will get; only the confirmed post answers. */
    @Post(value = "/{id}/answer", consumes = FORM)
    MutableHttpResponse<String> answer(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                       long id, @Nullable String answer, @Nullable String confirm,
                                       @Nullable String edit) {
        if ("yes".equals(edit)) {
            return questionPage(request, member, id, HttpStatus.OK, Map.of(), Map.of("answer", answer == null ? "" : answer), null);
        }
        String text = answer == null ? "" : answer.replace("\r\n", "\n").strip();
        Optional<String> problem = text.isEmpty() ? Optional.of("Enter the answer to send.")
                : text.length() > FaqTickets.MAX_ANSWER_CHARS
                ? Optional.of("The answer must be " + String.format("%,d", FaqTickets.MAX_ANSWER_CHARS) + " characters or fewer.")
                : Optional.empty();
        if (problem.isPresent()) {
            return questionPage(request, member, id, HttpStatus.UNPROCESSABLE_ENTITY, Map.of("answer", problem.get()),
                    Map.of("answer", answer == null ? "" : answer), null);
        }
        if (!"yes".equals(confirm)) {
            Optional<FaqTickets.Question> q = tickets.question(member.personId(), id);
            if (q.isEmpty()) {
                return notFound(request, id);
            }
            if (q.get().status() != FaqStore.TicketStatus.OPEN) {
                return seeOther(id, "already");
            }
            Map<String, Object> m = new HashMap<>();
            m.put("q", row(q.get(), clock.instant()));
            m.put("answer", text);
            m.put("tab", "inbox");
            return pages.page(request, "faq/confirm-answer", SECTION, m);
        }
        FaqTickets.Outcome outcome = tickets.answer(new FaqTickets.AnswerTicket(Optional.of(member.personId()), Optional.of(id), text));
        if (outcome instanceof FaqTickets.Answered answered) {
            return seeOther(id, answered.delivered() ? "answered" : "answered-unreachable");
        }
        if (outcome instanceof FaqTickets.AlreadyDealtWith) {
            return seeOther(id, "already");
        }
        if (outcome instanceof FaqTickets.AnswerNeedsText) {
            return questionPage(request, member, id, HttpStatus.UNPROCESSABLE_ENTITY, Map.of("answer", "Enter the answer to send."),
                    Map.of("answer", text), null);
        }
        return notFound(request, id);
    }

    /** Adds the answered question to the FAQ with the question, answer and other phrasings as edited in the form. */
    @Post(value = "/{id}/promote", consumes = FORM)
    MutableHttpResponse<String> promote(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                        long id, @Nullable String question, @Nullable String entryAnswer,
                                        @Nullable String alternatives) {
        FaqTickets.Outcome outcome = tickets.promote(new FaqTickets.PromoteTicket(Optional.of(member.personId()), Optional.of(id),
                uk.nhs.hps.audit.AuditLog.person(member.personId()), Optional.of(question == null ? "" : question),
                Optional.of(entryAnswer == null ? "" : entryAnswer.replace("\r\n", "\n")),
                alternatives == null ? List.of() : Arrays.asList(alternatives.split("\\R"))));
        if (outcome instanceof FaqTickets.Promoted) {
            return seeOther(id, "promoted");
        }
        if (outcome instanceof FaqTickets.AlreadyPromoted) {
            return seeOther(id, "already-promoted");
        }
        if (outcome instanceof FaqTickets.EntryNeedsText needs) {
            Map<String, String> errors = new LinkedHashMap<>();
            needs.problems().forEach((field, message) -> errors.put(field.equals("answer") ? "entryAnswer" : field, message));
            Map<String, String> typed = new HashMap<>();
            typed.put("question", question == null ? "" : question);
            typed.put("entryAnswer", entryAnswer == null ? "" : entryAnswer);
            typed.put("alternatives", alternatives == null ? "" : alternatives);
            return questionPage(request, member, id, HttpStatus.UNPROCESSABLE_ENTITY, errors, typed, null);
        }
        if (outcome instanceof FaqTickets.NothingToPromote) {
            return seeOther(id, "nothing-to-promote");
        }
        return notFound(request, id);
    }

    private MutableHttpResponse<String> questionPage(HttpRequest<?> request, SigningIn.Member member, long id, HttpStatus status,
                                                     Map<String, String> errors, Map<String, String> typed, @Nullable String done) {
        Optional<FaqTickets.Question> found = tickets.question(member.personId(), id);
        if (found.isEmpty()) {
            return notFound(request, id);
        }
        FaqTickets.Question q = found.get();
        Map<String, Object> m = new HashMap<>();
        m.put("q", row(q, clock.instant()));
        m.put("errors", errors);
        Map<String, String> form = new HashMap<>();
        form.put("answer", typed.getOrDefault("answer", ""));
        form.put("question", typed.getOrDefault("question", q.question().isEmpty() ? ""
                : Character.toUpperCase(q.question().charAt(0)) + q.question().substring(1)));
        form.put("entryAnswer", typed.getOrDefault("entryAnswer", q.answer() == null ? "" : q.answer()));
        form.put("alternatives", typed.getOrDefault("alternatives", q.question()));
        m.put("form", form);
        m.put("maxAnswer", FaqTickets.MAX_ANSWER_CHARS);
        m.put("done", done == null ? null : doneMessage(done));
        m.put("tab", "inbox");
        return pages.render(request, status, "faq/question", SECTION, m);
    }

    private static String doneMessage(String done) {
        return switch (done) {
            case "answered" -> "Your answer was sent to the person who asked. It reaches their Teams chat in a moment.";
            case "answered-unreachable" -> "Your answer was saved, but the person who asked cannot be reached in Teams, so it"
                    + " was not sent.";
            case "already" -> "This question was already dealt with, so nothing was sent again.";
            case "promoted" -> "The answer was added to the FAQ. The bot answers with it from now on.";
            case "already-promoted" -> "This answer is already in the FAQ, so nothing was added again.";
            case "nothing-to-promote" -> "Only an answered question can be added to the FAQ.";
            default -> null;
        };
    }

    private MutableHttpResponse<String> notFound(HttpRequest<?> request, long id) {
        return pages.render(request, HttpStatus.NOT_FOUND, "faq/not-found", SECTION,
                Map.of("message", "There is no question #" + id + ".", "back", "/console/questions", "tab", "inbox"));
    }

    private static MutableHttpResponse<String> seeOther(long id, String done) {
        return HttpResponse.<String>seeOther(URI.create("/console/questions/" + id + "?done=" + done));
    }

    private static Map<String, Object> row(FaqTickets.Question q, Instant now) {
        Map<String, Object> r = new HashMap<>();
        r.put("id", q.id());
        r.put("question", q.question().isEmpty() ? "(erased)" : q.question());
        r.put("status", q.status().name().toLowerCase(Locale.ROOT));
        r.put("open", q.status() == FaqStore.TicketStatus.OPEN);
        r.put("answeredStatus", q.status() == FaqStore.TicketStatus.ANSWERED);
        r.put("personId", q.asker().isPresent() ? q.personId() : null);
        r.put("asker", q.asker().orElse("(erased)"));
        r.put("asked", UkTime.dateTime(q.askedAt()));
        r.put("waiting", q.status() == FaqStore.TicketStatus.OPEN ? "Waiting " + waited(q.askedAt(), now)
                : q.answeredAt() == null ? "" : (q.status() == FaqStore.TicketStatus.ANSWERED ? "Answered after " : "Closed after ")
                + waited(q.askedAt(), q.answeredAt()));
        r.put("answeredAt", q.answeredAt() == null ? null : UkTime.dateTime(q.answeredAt()));
        r.put("answer", q.answer());
        r.put("promoted", q.promotedEntryId());
        return r;
    }

    /** "3 days", "5 hours", "20 minutes": how long someone has waited, in the largest whole unit. */
    static String waited(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        long days = d.toDays();
        long hours = d.toHours();
        long minutes = d.toMinutes();
        return days > 0 ? plural(days, "day") : hours > 0 ? plural(hours, "hour") : minutes > 0 ? plural(minutes, "minute")
                : "under a minute";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
