package uk.nhs.hps.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Card values are plain text where Teams renders Markdown, unless a feature marks its own wording as Markdown. */
class CardTemplatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINK = "[Sign in](https://evil.example)";

    private final CardTemplates templates = new CardTemplates();

    @Test
    void aValueInATextBlockIsPlainTextByDefault() throws Exception {
        JsonNode card = JSON.readTree(templates.render("error", Map.of("title", LINK, "message", "**bold**")));

        assertThat(card.toString()).doesNotContain("[Sign in]", "https://", "**bold**").contains("(Sign in)", "∗∗bold∗∗");
    }

    @Test
    void aMarkdownValueKeepsItsFormatting() throws Exception {
        JsonNode card = JSON.readTree(templates.render("error", Map.of("title", "t", "message", Markdown.of("Type **help**"))));

        assertThat(card.toString()).contains("Type **help**");
    }

    @Test
    void factValuesAreRenderedTextSoPlainByDefault() throws Exception {
        JsonNode card = JSON.readTree(templates.render("talent-review", Map.of("heading", "h", "cycle", "2026-27",
                "statusText", "", "gridRows", List.of(), "facts", List.of(Map.of("title", "Aspirations", "value", LINK)),
                "actions", List.of(), "wellbeing", "", "wellbeingHeading", "", "note", "", "buttons", List.of())));

        assertThat(card.toString()).doesNotContain("[Sign in]", "https://").contains("(Sign in)(https∶//evil.example)");
    }

    @Test
    void inputValuesAreLeftAsTypedSoEditingDoesNotAlterThem() throws Exception {
        String typed = "my [draft](https://e.example) with **stars**";
        Map<String, Object> data = new java.util.HashMap<>();
        for (String field : List.of("title", "imageUrl", "linkTitle", "linkUrl", "audience", "cohortIds", "role", "emails",
                "askAcknowledgement", "error")) {
            data.put(field, "");
        }
        data.put("body", typed);
        data.put("cohorts", List.of());

        JsonNode card = JSON.readTree(templates.render("announce-compose", data));

        assertThat(card.toString()).contains(typed.replace("\"", "\\\""));
    }
}
