package uk.nhs.hps.console;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import uk.nhs.hps.support.Browser;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Teams tab's page in headless Chromium, where no Teams host answers: the Teams JavaScript client and the tab's
 * script load under the console's CSP (no inline script) and say plainly that the page belongs in Teams; and a
 * page on another site cannot frame the console. (Signing in through a Teams host needs Teams itself: the Teams
 * client only answers messages from Microsoft's origins; {@link ConsoleTeamsTabTest} drives the sign-in form.)
 */
@MicronautTest(transactional = false, environments = "dev")
class ConsoleTeamsTabBrowserTest extends ConsoleTestBase {

    private Browser browser;

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theTabOpenedOutsideTeamsSaysItBelongsInTeamsAndOffersTheBrowserSignIn() {
        browser.open(base() + "/console/tab");

        browser.waitForText(By.id("tab-failed"), "This page is the console's tab in Microsoft Teams");
        assertThat(browser.find(By.id("tab-failed")).isDisplayed()).isTrue();
        assertThat(browser.find(By.id("tab-status")).isDisplayed()).isFalse();
        assertThat(browser.find(By.partialLinkText("Open the console in your browser")).getAttribute("href")).isEqualTo(base() + "/console/sign-in");
        browser.screenshot("tab-outside-teams-1280");
        browser.resize(360, 800);
        browser.screenshot("tab-outside-teams-360");
    }

    @Test
    void anotherSiteCannotFrameTheConsole() {
        // the other site's page records when its frame has finished (an error page counts), then we look inside
        HttpServer other = page("<iframe id=frame src='" + base() + "/console/tab' onload=\"document.title='framed'\"></iframe>");
        try {
            browser.open("http://127.0.0.1:" + other.getAddress().getPort() + "/");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> "framed".equals(d.getTitle()));
            browser.screenshot("tab-framed-by-another-site");
            browser.driver().switchTo().frame("frame");

            assertThat(browser.driver().getPageSource()).doesNotContain("Programme team's console");
        } finally {
            browser.driver().switchTo().defaultContent();
            other.stop(0);
        }
    }

    private static HttpServer page(String html) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = ("<!DOCTYPE html><html><head><title>other</title></head><body>" + html + "</body></html>")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
