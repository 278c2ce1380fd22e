package uk.nhs.hps.faq;

import jakarta.inject.Singleton;
import uk.nhs.hps.conversation.CardTemplates;
import uk.nhs.hps.conversation.Markdown;
import uk.nhs.hps.conversation.PlainText;
import uk.nhs.hps.conversation.Reply;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The FAQ's Adaptive Cards, filled from data. Card values are plain text by default ({@link CardTemplates}); only
 * an FAQ entry's answer, which the programme team wrote, keeps its Markdown. A question promoted from a ticket
 * was typed by a participant, so it stays plain like every other question.
 */
@Singleton
class FaqCards {

    private final CardTemplates templates;

    FaqCards(CardTemplates templates) {
        this.templates = templates;
    }

    Reply answer(long queryId, String asked, KnowledgeEntry entry) {
        Map<String, Object> data = new HashMap<>();
        data.put("queryId", queryId);
        data.put("asked", PlainText.of(asked, 200));
        data.put("question", entry.question());
        data.put("answer", Markdown.of(entry.answer()));
        data.put("category", entry.category());
        // the entry's source line is the programme team's (or the shipped file's), like its answer
        data.put("source", Markdown.of(entry.source().isBlank() ? "the HPS FAQ" : shortSource(entry.source())));
        return Reply.card(templates.render("faq-answer", data));
    }

    Reply suggestions(long queryId, String asked, List<KnowledgeEntry> entries) {
        List<Map<String, Object>> suggestions = entries.stream()
                .map(e -> Map.<String, Object>of("title", e.question(), "entryId", e.id())).toList();
        return Reply.card(templates.render("faq-suggestions",
                Map.of("queryId", queryId, "asked", PlainText.of(asked, 200), "suggestions", suggestions)));
    }

    Reply fallback(long queryId, String asked) {
        return Reply.card(templates.render("faq-fallback", Map.of("queryId", queryId, "asked", PlainText.of(asked, 200))));
    }

    Reply ticket(long ticketId, String asker, String question) {
        return Reply.card(templates.render("faq-ticket",
                Map.of("ticketId", ticketId, "asker", PlainText.of(asker, 100), "question", PlainText.of(question, 500))));
    }

    Reply ticketAnswered(long ticketId, String question, String answer, boolean delivered) {
        return Reply.card(templates.render("faq-ticket-answered", Map.of("ticketId", ticketId,
                "question", PlainText.of(question, 500), "answer", PlainText.of(answer, 4000),
                "delivery", delivered ? "On its way to the person who asked."
                        : "The person who asked cannot be reached in Teams; the answer is saved with the question.")));
    }

    Reply answerFromTeam(String question, String answer) {
        return Reply.card(templates.render("faq-answer-from-team",
                Map.of("question", PlainText.of(question, 500), "answer", PlainText.of(answer, 4000))));
    }

    Reply error(String title, String message) {
        return Reply.card(templates.render("faq-error", Map.of("title", title, "message", message)));
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
