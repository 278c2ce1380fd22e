package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import uk.nhs.hps.support.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Announcements page in headless Chromium: compose with the live count and the card preview drawn by the Adaptive
 * Cards renderer, confirm with a double click, and watch delivery reach everyone through the fake Bot Connector.
 * Screenshots at 1280 and 360 px in target/console-screenshots/.
 */
@MicronautTest(transactional = false, environments = "dev")
class AnnouncementsConsoleBrowserTest extends AnnouncementsConsoleTestBase {

    private Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void composeSeeThePreviewSendWithADoubleClickAndWatchItReachEveryone() {
        browser = browserSignedInAsPat();
        browser.open(base() + "/console/announcements");
        browser.waitFor(By.cssSelector("[data-testid=no-announcements]"));
        browser.screenshot("announcements-empty-1280");

        browser.find(By.linkText("New announcement")).click();
        browser.find(By.id("title")).sendKeys("Workshop moved to Leeds");
        browser.find(By.id("body")).sendKeys("The March workshop moves to **Leeds**.\n\n- Bring your reflective log\n- Lunch is provided");
        browser.find(By.id("askAcknowledgement")).click();
        new Select(browser.find(By.id("cohort"))).selectByValue(String.valueOf(cohort.id()));

        browser.waitForText(By.id("audience-count"), "It goes to 3 people today.");
        browser.waitForText(By.cssSelector("#card-preview .ac-adaptiveCard"), "Workshop moved to Leeds");
        assertThat(browser.find(By.cssSelector("#card-preview .ac-adaptiveCard strong")).getText()).isEqualTo("Leeds");
        assertThat(browser.find(By.cssSelector("#card-preview .ac-adaptiveCard")).getText()).contains("Acknowledge", "Lunch is provided");
        browser.screenshot("announcements-compose-1280");
        browser.resize(360, 800);
        browser.screenshot("announcements-compose-360");
        browser.resize(1280, 900);

        browser.find(By.cssSelector("[data-testid=continue]")).click();
        browser.waitForText(By.tagName("h1"), "Send this announcement now?");
        assertThat(browser.find(By.cssSelector("[data-testid=confirm-question]")).getText()).contains("3 people");
        browser.screenshot("announcements-confirm-1280");
        new Actions(browser.driver()).doubleClick(browser.find(By.cssSelector("[data-testid=confirm]"))).perform();

        browser.waitForText(By.cssSelector("[data-testid=flash]"), "on its way to 3 people");
        browser.waitForText(By.cssSelector("[data-testid=progress-headline]"), "Sending: 0 of 3 delivered so far.");
        deliverOutbox();
        browser.waitForText(By.cssSelector("[data-testid=progress-headline]"), "Delivered to all 3 recipients.");
        assertThat(browser.find(By.cssSelector("[data-testid=sent]")).getText()).isEqualTo("3");
        assertThat(browser.find(By.cssSelector("[data-testid=failed]")).getText()).isEqualTo("0");
        assertThat(connector.delivered()).hasSize(3);
        assertThat(count("SELECT COUNT(*) FROM outbound_message WHERE campaign LIKE 'announcement:%'")).isEqualTo(3);
        browser.screenshot("announcements-delivered-1280");
        browser.resize(360, 800);
        browser.screenshot("announcements-delivered-360");
    }
}
