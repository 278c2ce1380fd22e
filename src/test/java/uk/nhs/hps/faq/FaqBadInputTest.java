package uk.nhs.hps.faq;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.BotTestBase;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.TestUsers;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Odd things people type: each gets a sensible reply, no error, and nothing stored that should not be. */
@MicronautTest(transactional = false)
class FaqBadInputTest extends BotTestBase {

    @Inject
    FaqStore.Queries queries;

    @Test
    void emptyTextGetsAPromptAndStoresNothing() {
        assertRepliedWithTextAndStoredNothing(Activities.message("   "), "I didn't catch any text");
    }

    @Test
    void onlyAnAtMentionGetsAPromptAndStoresNothing() {
        assertRepliedWithTextAndStoredNothing(Activities.message("<at>HPS Companion</at>"), "I didn't catch any text");
    }

    @Test
    void tenThousandCharactersGetsAskedForOneShortQuestionAndStoresNothing() {
        assertRepliedWithTextAndStoredNothing(Activities.message("how long is the scheme ".repeat(435)),
                "That's a long message for me");
    }

    @Test
    void onlyEmojiGetsAskedForWordsAndStoresNothing() {
        assertRepliedWithTextAndStoredNothing(Activities.message("🤔🤔 🙈"), "I can only answer questions written in words");
    }

    @Test
    void markupOnlyGetsAskedForWordsAndStoresNothing() {
        assertRepliedWithTextAndStoredNothing(Activities.message("<script></script><img src=x onerror=alert(1)>"),
                "I can only answer questions written in words");
    }

    @Test
    void scriptTagsAreStrippedAndTheQuestionStillAnswered() {
        JsonNode card = replyCard(Activities.message("<script>alert('x')</script> how long is the programme?"));

        assertThat(card.path("body").get(0).path("text").asText()).isEqualTo("How long is the programme?");
        assertThat(card.toString()).doesNotContain("<script>");
        assertThat(latestQuestion()).isEqualTo("how long is the programme?");
    }

    @Test
    void sqlLookingTextIsJustAnUnansweredQuestion() {
        // a marker of this run's own, so rows other tests left behind cannot satisfy the assertion
        String marker = "x" + java.util.UUID.randomUUID().toString().replace("-", "");
        String question = "'; DROP TABLE faq_entry; -- OR 1=" + marker;

        JsonNode card = replyCard(Activities.message(question));

        assertThat(card.path("body").get(0).path("text").asText()).isEqualTo("I don't know the answer to that.");
        assertThat(queries.findAll()).filteredOn(q -> q.question().contains(marker))
                .singleElement()
                .satisfies(q -> assertThat(q.outcome()).isEqualTo("FALLBACK"));
    }

    @Test
    void markdownInAQuestionIsDefusedOnTheCard() {
        JsonNode card = replyCard(Activities.message("[click me](https://evil.example) **now** what is a rota"));

        assertThat(card.toString()).doesNotContain("[click me]", "**now**");
    }

    private void assertRepliedWithTextAndStoredNothing(Activities activity, String expected) {
        send(Activities.message("hi").from(TestUsers.SAM));
        long before = queries.count();
        connector.reset();

        HttpResponse<String> response = send(activity.from(TestUsers.SAM));

        assertThat(response.statusCode()).isLessThan(300);
        assertThat(connector.messages()).hasSize(1);
        assertThat(connector.messages().get(0).text()).startsWith(expected);
        assertThat(queries.count()).isEqualTo(before);
    }

    private JsonNode replyCard(Activities activity) {
        send(Activities.message("hi").from(TestUsers.SAM));
        connector.reset();
        HttpResponse<String> response = send(activity.from(TestUsers.SAM));
        assertThat(response.statusCode()).isLessThan(300);
        return connector.messages().stream().map(FakeBotConnector.Call::card).filter(c -> c != null).findFirst()
                .orElseThrow();
    }

    private String latestQuestion() {
        return queries.findAll().stream().max(java.util.Comparator.comparing(FaqStore.QueryRow::id)).orElseThrow().question();
    }
}
