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
        // the entry's source line and dated note are the programme team's (or the shipped file's), like its answer
        data.put("source", Markdown.of(source(entry)));
        data.put("note", Markdown.of(datedNote(entry)));
        return Reply.card(templates.render("faq-answer", data));
    }

    Reply suggestions(long queryId, String asked, List<KnowledgeEntry> entries) {
        List<Map<String, Object>> suggestions = entries.stream()
                .map(e -> Map.<String, Object>of("title", e.question(), "entryId", e.id())).toList();
        return Reply.card(templates.render("faq-suggestions",
                Map.of("queryId", queryId, "asked", PlainText.of(asked, 200), "suggestions", suggestions)));
    }

    Reply fallback(long queryId, String asked) {
        return Reply.card(templates.render("faq-fallback", Map.of("queryId", queryId, "asked", PlainText.of(asked, 200),
                "canAsk", true, "explanation", "I can answer questions about the High Potential Scheme from its FAQ, and this"
                        + " one isn't covered. I can pass it to the programme team, who will reply to you here.")));
    }

    /** The programme team asking is not offered to ask itself: it is more likely a command I don't know. */
    Reply fallbackForTeam(long queryId, String asked) {
        return Reply.card(templates.render("faq-fallback", Map.of("queryId", queryId, "asked", PlainText.of(asked, 200),
                "canAsk", false, "explanation", Markdown.of("It isn't a command I know or a question the FAQ covers."
                        + " Type **help** for your commands, or **faq gaps** for the questions the FAQ is missing."))));
    }

    Reply ticket(long ticketId, String asker, String question) {
        return Reply.card(templates.render("faq-ticket",
                Map.of("ticketId", ticketId, "asker", PlainText.of(asker, 100), "question", PlainText.of(question, 500))));
    }

    /** Replaces the ticket card once it is closed, so it cannot be answered or closed again. */
    Reply closed(long ticketId) {
        return templates.outcome("Closed", Markdown.of("Closed question #" + ticketId + " without an answer."));
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
        return templates.error(title, message, Markdown.of("Type your question again, or **help** to see what I can do."));
    }

    /** An error on a programme-team card (a ticket): no hint meant for someone asking a question. */
    Reply teamError(String title, String message) {
        return templates.error(title, message, null);
    }

    private static final java.util.regex.Pattern SOURCE = java.util.regex.Pattern.compile(
            "^\\d{3}_[0-9a-f]+\\.txt \\((.+?)\\),? sections? (.+)$");
    private static final java.util.regex.Pattern DATED = java.util.regex.Pattern.compile(
            "(?i)\\b(19|20)\\d\\d\\b|\\bcohort \\d\\b|\\bcohort (one|two|three)\\b|\\bTBC\\b|to be confirmed|\\.pptx\\b|attached");

    /** "HPS FAQ, section 'Overview'" from "001_….txt (HPS FAQ), section 'Overview'": document and section, no file name. */
    static String source(KnowledgeEntry entry) {
        String s = entry.source();
        if (s.isBlank()) {
            return "the programme team";
        }
        java.util.regex.Matcher m = SOURCE.matcher(s);
        return m.matches() ? m.group(1) + ", " + (s.contains(" sections ") ? "sections " : "section ") + m.group(2) : s;
    }

    /**
     * Answers with dates, cohort numbers or attachments from the documents say where those come from and that the
     * programme team keeps them up to date; an answer the team has edited since says so instead.
     */
    static String datedNote(KnowledgeEntry entry) {
        if (!DATED.matcher(entry.answer()).find()) {
            return "";
        }
        if (!SOURCE.matcher(entry.source()).matches()) {
            return "Dates and details in this answer were last updated by the programme team on "
                    + java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.UK)
                    .format(entry.updatedAt().atZone(java.time.ZoneOffset.UTC)) + ".";
        }
        return "Dates, cohort numbers and attachments here are as published in " + source(entry).replaceFirst(", section.*$", "")
                + "; they may have changed since. The programme team can update this answer.";
    }
}
