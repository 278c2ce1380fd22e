package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.TestUsers;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The Questions page's FAQ tabs over HTTP: entries (search, edit, disable; audited, live in the bot), gaps, explain. */
@MicronautTest(transactional = false, environments = "dev")
class FaqConsoleTest extends QuestionsConsoleTestBase {

    @Test
    void searchFindsEntriesByWordsInTheirAnswerWithSourceAndLastEdit() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        String page = console.get("/console/questions/entries?q=funded").body();

        assertThat(page).contains("How will the scheme be funded?", "Shipped with the bot", "HPS Companion (import)")
                .doesNotContain("When is the launch event?");
    }

    @Test
    void aDisabledEntryIsConfirmedFirstAuditedOnceAndNoLongerAnswers() {
        assertThat(botAnswerTitle(TestUsers.ALICE, "when is the launch event")).isEqualTo("When is the launch event?");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> asked = console.post("/console/questions/entries/launch-event/enabled", "on=false");
        String stillAnswered = botAnswerTitle(TestUsers.ALICE, "when is the launch event");
        HttpResponse<String> first = console.post("/console/questions/entries/launch-event/enabled", "on=false&confirm=yes");
        HttpResponse<String> second = console.post("/console/questions/entries/launch-event/enabled", "on=false&confirm=yes");

        assertThat(asked.body()).contains("Disable the FAQ entry “When is the launch event?”?", "Yes, disable it");
        assertThat(stillAnswered).isEqualTo("When is the launch event?");
        assertThat(first.headers().firstValue("Location")).hasValue("/console/questions/entries/launch-event?done=disabled");
        assertThat(second.headers().firstValue("Location")).hasValue("/console/questions/entries/launch-event?done=already-disabled");
        assertThat(botAnswerTitle(TestUsers.ALICE, "when is the launch event")).isNotEqualTo("When is the launch event?");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'FAQ_EDIT' AND actor = ? AND detail = ?",
                "person:" + patId, "disabled FAQ entry launch-event")).isEqualTo(1);
        assertThat(console.get("/console/questions/entries?q=launch-event").body()).contains("disabled", TestUsers.PAT.name());
    }

    @Test
    void anEditedAnswerIsWhatTheBotAnswersWithAuditedOnceWhenPostedTwice() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        String form = "question=How+will+the+scheme+be+funded%3F&alternatives=who+pays+for+the+scheme"
                + "&answer=The+scheme+is+funded+centrally+by+NHS+England.";

        HttpResponse<String> first = console.post("/console/questions/entries/funding", form);
        HttpResponse<String> second = console.post("/console/questions/entries/funding", form);
        send(Activities.message("how will the scheme be funded").from(TestUsers.SAM));

        assertThat(first.headers().firstValue("Location")).hasValue("/console/questions/entries/funding?done=saved");
        assertThat(second.headers().firstValue("Location")).hasValue("/console/questions/entries/funding?done=unchanged");
        assertThat(lastCard().toString()).contains("The scheme is funded centrally by NHS England.");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'FAQ_EDIT' AND actor = ? AND detail LIKE ?",
                "person:" + patId, "edited FAQ entry funding (%answer text changed)")).isEqualTo(1);
    }

    @Test
    void aBlankAnswerOrOverLongQuestionIsShownAsAnErrorAndChangesNothing() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        String before = text("SELECT answer FROM faq_entry WHERE id = 'application-cap'");

        HttpResponse<String> response = console.post("/console/questions/entries/application-cap",
                "question=" + "q".repeat(501) + "&alternatives=&answer=+");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("There is a problem", "href=\"#question\"", "The question must be 500 characters or fewer.",
                "href=\"#answer\"", "Enter the answer.", "q".repeat(501));
        assertThat(text("SELECT answer FROM faq_entry WHERE id = 'application-cap'")).isEqualTo(before);
    }

    @Test
    void gapsCountTheSameUnansweredQuestionTogether() {
        botAnswerTitle(TestUsers.ALICE, "Is there car parking at the hotel?");
        botAnswerTitle(TestUsers.SAM, "is there car parking at the hotel");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        String page = console.get("/console/questions/gaps").body();

        assertThat(page).containsPattern("<td class=\"asked-text\">is there car parking at the hotel</td>\\s*<td class=\"num\">2</td>")
                .contains("Nearest entry:");
    }

    @Test
    void explainShowsWhatTheBotWouldDoAndHowStronglyEntriesMatched() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        String page = console.get("/console/questions/explain?q=what+is+the+application+process").body();

        assertThat(page).contains("Answer with “What is the application process?”.", "Confidence ",
                "href=\"/console/questions/entries/application-process\"", "Wording similarity", "BM25");
    }

    @Test
    void explainingABlankQuestionIsAnError() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> response = console.get("/console/questions/explain?q=+");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("There is a problem", "Enter a question to explain.");
    }
}
