package uk.nhs.hps.faq;

import jakarta.inject.Singleton;
import uk.nhs.hps.conversation.CardTemplates;
import uk.nhs.hps.conversation.Reply;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The FAQ's Adaptive Cards, filled from data. Text that people typed is defused before it goes on a card. */
@Singleton
class FaqCards {

    private final CardTemplates templates;

    FaqCards(CardTemplates templates) {
        this.templates = templates;
    }

    Reply answer(long queryId, String asked, KnowledgeEntry entry) {
        Map<String, Object> data = new HashMap<>();
        data.put("queryId", queryId);
        data.put("asked", userText(asked, 200));
        data.put("question", entry.question());
        data.put("answer", entry.answer());
        data.put("category", entry.category());
        data.put("source", entry.source().isBlank() ? "the HPS FAQ" : shortSource(entry.source()));
        return Reply.card(templates.render("faq-answer", data));
    }

    Reply suggestions(long queryId, String asked, List<KnowledgeEntry> entries) {
        List<Map<String, Object>> suggestions = entries.stream()
                .map(e -> Map.<String, Object>of("title", e.question(), "entryId", e.id())).toList();
        return Reply.card(templates.render("faq-suggestions",
                Map.of("queryId", queryId, "asked", userText(asked, 200), "suggestions", suggestions)));
    }

    Reply fallback(long queryId, String asked) {
        return Reply.card(templates.render("faq-fallback", Map.of("queryId", queryId, "asked", userText(asked, 200))));
    }

    Reply ticket(long ticketId, String asker, String question) {
        return Reply.card(templates.render("faq-ticket",
                Map.of("ticketId", ticketId, "asker", userText(asker, 100), "question", userText(question, 500))));
    }

    Reply ticketAnswered(long ticketId, String question, String answer, boolean delivered) {
        return Reply.card(templates.render("faq-ticket-answered", Map.of("ticketId", ticketId,
                "question", userText(question, 500), "answer", userText(answer, 4000),
                "delivery", delivered ? "On its way to the person who asked."
                        : "The person who asked cannot be reached in Teams; the answer is saved with the question.")));
    }

    Reply answerFromTeam(String question, String answer) {
        return Reply.card(templates.render("faq-answer-from-team",
                Map.of("question", userText(question, 500), "answer", userText(answer, 4000))));
    }

    Reply error(String title, String message) {
        return Reply.card(templates.render("faq-error", Map.of("title", title, "message", message)));
    }

    /**
     * Typed text shown on a card: markup that Teams would render (links, emphasis, headings) is neutralised
     * so a question cannot dress itself up as a link or a heading, and very long text is cut.
     */
    static String userText(String text, int max) {
        if (text == null) {
            return "";
        }
        String t = text.replace('[', '(').replace(']', ')').replaceAll("[*_`#>|~]", " ")
                .replaceAll("[\\p{Cntrl}&&[^\n]]", " ").replaceAll("[ \\t]+", " ").strip();
        return t.length() > max ? t.substring(0, max - 1) + "…" : t;
    }

    private static String shortSource(String source) {
        if (source.startsWith("001_")) {
            return "the HPS FAQ";
        }
        if (source.startsWith("000_")) {
            return "the Guidance on Career Transitions for applicants";
        }
        return source;
    }
}
