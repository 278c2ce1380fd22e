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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Questions page's FAQ tabs: the entries (search, edit, enable and disable, each change audited and live in the
 * bot's answers at once), the gaps (unanswered questions grouped by the nearest entry) and "explain" (what the bot
 * would do with a question, and how strongly each entry matched). Every action goes through {@link CuratingFaq}.
 */
@Hidden
@Controller("/console/questions")
@ExecuteOn(TaskExecutors.BLOCKING)
class FaqConsoleController {

    private static final String SECTION = QuestionsConsoleController.SECTION;
    private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED;
    private static final int MAX_EXPLAIN_CHARS = 500;

    private final CuratingFaq curating;
    private final ConsolePages pages;

    FaqConsoleController(CuratingFaq curating, ConsolePages pages) {
        this.curating = curating;
        this.pages = pages;
    }

    // ---- entries ----

    @Get("/entries")
    MutableHttpResponse<String> entries(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                        @Nullable @QueryValue String q) {
        List<CuratingFaq.Entry> found = curating.entries(member.personId(), q);
        Map<String, Object> m = new HashMap<>();
        m.put("q", q == null ? "" : q);
        m.put("entries", found.stream().map(FaqConsoleController::summary).toList());
        m.put("enabledCount", found.stream().filter(e -> e.entry().enabled()).count());
        m.put("tab", "entries");
        return pages.page(request, "faq/entries", SECTION, m);
    }

    @Get("/entries/{id}")
    MutableHttpResponse<String> entry(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                      String id, @Nullable @QueryValue String done) {
        return entryPage(request, member, id, HttpStatus.OK, Map.of(), null, done);
    }

    @Post(value = "/entries/{id}", consumes = FORM)
    MutableHttpResponse<String> edit(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                     String id, @Nullable String question, @Nullable String alternatives, @Nullable String answer) {
        CuratingFaq.Edited edited = curating.edit(new CuratingFaq.EditEntry(member.personId(), id, question, alternatives, answer));
        if (edited instanceof CuratingFaq.Saved) {
            return seeOther(id, "saved");
        }
        if (edited instanceof CuratingFaq.Unchanged) {
            return seeOther(id, "unchanged");
        }
        if (edited instanceof CuratingFaq.EditNeedsText needs) {
            Map<String, String> typed = new HashMap<>();
            typed.put("question", question == null ? "" : question);
            typed.put("alternatives", alternatives == null ? "" : alternatives);
            typed.put("answer", answer == null ? "" : answer);
            return entryPage(request, member, id, HttpStatus.UNPROCESSABLE_ENTITY, needs.problems(), typed, null);
        }
        return notFound(request, id);
    }

    /** Disabling takes the entry out of the bot's answers, so it is confirmed first; enabling puts it back. */
    @Post(value = "/entries/{id}/enabled", consumes = FORM)
    MutableHttpResponse<String> enabled(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                        String id, @Nullable String on, @Nullable String confirm) {
        boolean enable = "true".equals(on);
        if (!"yes".equals(confirm)) {
            Optional<CuratingFaq.Entry> entry = curating.entry(member.personId(), id);
            if (entry.isEmpty()) {
                return notFound(request, id);
            }
            Map<String, Object> m = new HashMap<>();
            m.put("heading", (enable ? "Enable" : "Disable") + " the FAQ entry “" + entry.get().entry().question() + "”?");
            m.put("details", enable
                    ? List.of("The bot starts answering with this entry again at once.")
                    : List.of("The bot stops answering with this entry at once. Questions it used to answer may get other"
                            + " entries, suggestions, or the offer to ask the programme team.", "You can enable it again at any time."));
            m.put("action", "/console/questions/entries/" + enc(id) + "/enabled");
            m.put("hidden", List.of(Map.of("name", "on", "value", String.valueOf(enable))));
            m.put("button", enable ? "Yes, enable it" : "Yes, disable it");
            m.put("back", "/console/questions/entries/" + enc(id));
            m.put("tab", "entries");
            return pages.page(request, "roster/confirm-change", SECTION, m);
        }
        CuratingFaq.Switched switched = curating.setEnabled(member.personId(), id, enable);
        if (switched instanceof CuratingFaq.Switch s) {
            return seeOther(id, s.enabled() ? "enabled" : "disabled");
        }
        if (switched instanceof CuratingFaq.AlreadySo a) {
            return seeOther(id, a.enabled() ? "already-enabled" : "already-disabled");
        }
        return notFound(request, id);
    }

    private MutableHttpResponse<String> entryPage(HttpRequest<?> request, SigningIn.Member member, String id, HttpStatus status,
                                                  Map<String, String> errors, @Nullable Map<String, String> typed,
                                                  @Nullable String done) {
        Optional<CuratingFaq.Entry> found = curating.entry(member.personId(), id);
        if (found.isEmpty()) {
            return notFound(request, id);
        }
        KnowledgeEntry e = found.get().entry();
        Map<String, Object> m = new HashMap<>();
        m.put("e", summary(found.get()));
        m.put("errors", errors);
        m.put("form", typed != null ? typed : Map.of("question", e.question(), "alternatives", String.join("\n", e.alternatives()),
                "answer", e.answer()));
        m.put("done", done == null ? null : switch (done) {
            case "saved" -> "Your changes were saved. The bot answers with them from now on.";
            case "unchanged" -> "Nothing was changed: the text is what the entry already says.";
            case "enabled" -> "The entry is enabled. The bot answers with it from now on.";
            case "disabled" -> "The entry is disabled. The bot no longer answers with it.";
            case "already-enabled" -> "The entry was already enabled, so nothing was changed.";
            case "already-disabled" -> "The entry was already disabled, so nothing was changed.";
            default -> null;
        });
        m.put("maxQuestion", CuratingFaq.MAX_QUESTION_CHARS);
        m.put("maxAnswer", CuratingFaq.MAX_ANSWER_CHARS);
        m.put("tab", "entries");
        return pages.render(request, status, "faq/entry", SECTION, m);
    }

    // ---- gaps ----

    @Get("/gaps")
    MutableHttpResponse<String> gaps(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member) {
        List<CuratingFaq.GapCluster> clusters = curating.gapClusters(member.personId());
        Map<String, Object> m = new HashMap<>();
        m.put("clusters", clusters.stream().map(c -> {
            Map<String, Object> r = new HashMap<>();
            r.put("entryId", c.nearest().map(KnowledgeEntry::id).orElse(null));
            r.put("title", c.nearest().map(KnowledgeEntry::question).orElse("Nothing in the FAQ came close"));
            r.put("times", c.times());
            r.put("lastAsked", UkTime.dateTime(c.lastAsked()));
            r.put("wordings", c.wordings().stream().map(w -> Map.of("text", w.normalised(), "times", w.times(),
                    "lastAsked", UkTime.dateTime(w.lastAsked()))).toList());
            return r;
        }).toList());
        m.put("total", clusters.stream().mapToLong(CuratingFaq.GapCluster::times).sum());
        m.put("tab", "gaps");
        return pages.page(request, "faq/gaps", SECTION, m);
    }

    // ---- explain ----

    @Get("/explain")
    MutableHttpResponse<String> explain(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                        @Nullable @QueryValue String q) {
        Map<String, Object> m = new HashMap<>();
        m.put("q", q == null ? "" : q);
        m.put("tab", "explain");
        m.put("errors", Map.of());
        if (q == null) {
            return pages.page(request, "faq/explain", SECTION, m);
        }
        String question = q.strip();
        if (question.isEmpty() || question.length() > MAX_EXPLAIN_CHARS) {
            m.put("errors", Map.of("q", question.isEmpty() ? "Enter a question to explain."
                    : "The question must be " + MAX_EXPLAIN_CHARS + " characters or fewer (the bot reads no more)."));
            return pages.render(request, HttpStatus.UNPROCESSABLE_ENTITY, "faq/explain", SECTION, m);
        }
        CuratingFaq.Explanation explained = curating.explain(member.personId(), question);
        m.put("verdict", verdict(explained));
        m.put("kind", explained.kind().name().toLowerCase(Locale.ROOT));
        explained.result().ifPresent(r -> {
            m.put("confidence", String.format(Locale.UK, "%.2f", r.confidence()));
            m.put("terms", r.understanding().terms());
            m.put("corrections", r.understanding().corrections());
            m.put("synonyms", r.understanding().synonyms());
            m.put("unknown", r.understanding().unknownTerms());
            m.put("candidates", r.candidates().stream().limit(5).map(c -> {
                Map<String, Object> row = new HashMap<>();
                row.put("id", c.entry().id());
                row.put("question", c.entry().question());
                row.put("score", fixed(c.score()));
                row.put("similarity", fixed(c.phraseSimilarity()));
                row.put("coverage", fixed(c.coverage()));
                row.put("bm25", fixed(c.bm25()));
                row.put("meaning", Double.isNaN(c.semantic()) ? "–" : fixed(c.semantic()));
                row.put("closest", c.closestPhrasing());
                row.put("matched", c.matchedTerms().isEmpty() ? "nothing" : String.join(", ", c.matchedTerms()));
                return row;
            }).toList());
        });
        return pages.page(request, "faq/explain", SECTION, m);
    }

    /** What the bot would do, in the words the programme team sees in Teams. */
    private static String verdict(CuratingFaq.Explanation e) {
        return switch (e.kind()) {
            case SMALL_TALK -> "Reply with a friendly sentence: this reads as small talk, not a question.";
            case PERSONAL -> "Answer from the person's own records (their sponsor, coach, meetings or enrolment), not the FAQ.";
            case ANSWER -> e.answers().size() > 1
                    ? "Answer with two entries, one for each part: " + e.answers().get(0).question() + " / " + e.answers().get(1).question()
                    : "Answer with “" + e.answers().get(0).question() + "”.";
            case SUGGEST -> "Not sure: offer the top entries as suggestions, with “None of these” to ask the programme team.";
            case FALLBACK -> "Say it doesn't know, and offer to pass the question to the programme team (a ticket in the inbox).";
        };
    }

    private static Map<String, Object> summary(CuratingFaq.Entry entry) {
        KnowledgeEntry e = entry.entry();
        Map<String, Object> r = new HashMap<>();
        r.put("id", e.id());
        r.put("category", e.category());
        r.put("question", e.question());
        r.put("alternatives", e.alternatives());
        r.put("answer", e.answer());
        r.put("enabled", e.enabled());
        r.put("source", e.source().isBlank() ? "–" : e.source());
        r.put("origin", switch (entry.origin()) {
            case "SHIPPED" -> "Shipped with the bot";
            case "TICKET" -> "Programme team answer to a question";
            default -> "Written by the programme team";
        });
        r.put("editedBy", entry.lastEditBy().startsWith("system:") ? "HPS Companion (import)" : entry.lastEditBy());
        r.put("editedAt", UkTime.dateTime(entry.lastEditAt()));
        return r;
    }

    private MutableHttpResponse<String> notFound(HttpRequest<?> request, String id) {
        return pages.render(request, HttpStatus.NOT_FOUND, "faq/not-found", SECTION,
                Map.of("message", "There is no FAQ entry “" + id + "”.", "back", "/console/questions/entries", "tab", "entries"));
    }

    private static MutableHttpResponse<String> seeOther(String id, String done) {
        return HttpResponse.<String>seeOther(URI.create("/console/questions/entries/" + enc(id) + "?done=" + done));
    }

    private static String fixed(double value) {
        return String.format(Locale.UK, "%.2f", value);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
