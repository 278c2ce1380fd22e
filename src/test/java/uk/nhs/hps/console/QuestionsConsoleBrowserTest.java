package uk.nhs.hps.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import uk.nhs.hps.support.Browser;
import uk.nhs.hps.support.TestUsers;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Questions page in a real browser (headless Chromium), signed in with the dev sign-in: a participant's question
 * passed to the programme team in Teams is answered in the page and the answer reaches their chat through the fake
 * Bot Connector; a question is explained. Screenshots at 1280 and 360 px go to target/console-screenshots/.
 */
@MicronautTest(transactional = false, environments = "dev")
class QuestionsConsoleBrowserTest extends QuestionsConsoleTestBase {

    private Browser browser;

    @BeforeAll
    void asker() {
        participant(TestUsers.ALICE);
    }

    @BeforeEach
    void openBrowser() {
        browser = browserSignedInAsPat();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void answerAQuestionInThePageAndTheAnswerReachesTheAskersChat() {
        long ticket = askTheProgrammeTeam(TestUsers.ALICE, "can i bring my dog to the graduation ceremony");

        browser.find(By.linkText("Questions")).click();
        browser.waitForText(By.cssSelector("[data-testid=questions]"), "can i bring my dog to the graduation ceremony");
        assertThat(browser.find(By.cssSelector("[data-testid=questions]")).getText()).contains("Alice Participant", "Waiting");
        browser.screenshot("questions-inbox-1280");
        browser.resize(360, 800);
        browser.screenshot("questions-inbox-360");
        browser.resize(1280, 900);

        browser.find(By.linkText("can i bring my dog to the graduation ceremony")).click();
        browser.waitForText(By.tagName("h1"), "Question #" + ticket);
        browser.find(By.id("answer")).sendKeys("Sorry, only assistance dogs can come to the graduation ceremony.");
        browser.find(By.xpath("//button[text()='Preview the answer']")).click();
        browser.waitForText(By.tagName("h1"), "Send this answer to Alice Participant?");
        assertThat(browser.find(By.cssSelector("[data-testid=preview]")).getText())
                .contains("The programme team answered your question", "only assistance dogs");
        browser.screenshot("questions-preview-1280");
        browser.resize(360, 800);
        browser.screenshot("questions-preview-360");
        browser.resize(1280, 900);
        browser.find(By.xpath("//button[text()='Yes, send the answer']")).click();

        browser.waitForText(By.cssSelector("[data-testid=done]"), "Your answer was sent to the person who asked.");
        deliverOutbox();
        List<JsonNode> toAlice = connector.messagesTo(TestUsers.ALICE.conversationId()).stream().map(c -> c.card()).toList();
        assertThat(toAlice).hasSize(1);
        assertThat(toAlice.get(0).toString()).contains("The programme team answered your question",
                "Sorry, only assistance dogs can come to the graduation ceremony.");
        assertThat(browser.find(By.cssSelector("[data-testid=promote-form]")).getText()).contains("Add this answer to the FAQ");
        browser.screenshot("questions-answered-1280");
        browser.resize(360, 800);
        browser.screenshot("questions-answered-360");
    }

    @Test
    void explainAQuestionAndSeeWhichEntriesMatched() {
        botAnswerTitle(TestUsers.ALICE, "is there car parking at the hotel");
        browser.find(By.linkText("Questions")).click();
        browser.find(By.linkText("Gaps")).click();
        browser.waitForText(By.cssSelector("[data-testid=gap-cluster]"), "is there car parking at the hotel");
        browser.screenshot("questions-gaps-1280");
        browser.find(By.linkText("FAQ entries")).click();
        browser.waitFor(By.cssSelector("[data-testid=entries]"));
        browser.screenshot("questions-entries-1280");
        browser.resize(360, 800);
        browser.screenshot("questions-entries-360");
        browser.resize(1280, 900);

        browser.find(By.linkText("Explain")).click();
        browser.find(By.id("q")).sendKeys("what is the application process");
        browser.find(By.xpath("//button[text()='Explain']")).click();

        browser.waitForText(By.cssSelector("[data-testid=verdict]"), "Answer with “What is the application process?”.");
        assertThat(browser.find(By.cssSelector("[data-testid=candidates]")).getText()).contains("What is the application process?");
        browser.screenshot("questions-explain-1280");
        browser.resize(360, 800);
        browser.screenshot("questions-explain-360");
    }
}
