package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import uk.nhs.hps.support.Browser;
import uk.nhs.hps.support.CohortSeed;
import uk.nhs.hps.support.TestUsers;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser (headless Chromium): dev sign-in, Entra ID sign-in against the fake issuer, the
 * overview of a seeded cohort, a refused non-member, a removed member, sign-out and forged posts. Each test leaves a
 * screenshot in target/console-screenshots/.
 */
@MicronautTest(transactional = false, environments = "dev")
class ConsoleBrowserTest extends ConsoleTestBase {

    private static final TestUsers.User ROBIN = new TestUsers.User("29:robin", "aad-robin", "Robin Removed", "robin.removed@nhs.net");

    @Inject
    TransactionOperations<Connection> db;

    private CohortSeed.Seeded seeded;
    private Browser browser;

    @BeforeAll
    void seedCohort() {
        seeded = CohortSeed.seed(db, Instant.now(), 20, 6, "browser");
    }

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
    void devSignInAsAMemberOpensTheOverviewOfTheSeededCohort() {
        browser.open(base() + "/console?cohort=" + seeded.cohortId());
        browser.find(By.linkText("Dev sign-in: act as a roster person")).click();
        new Select(browser.find(By.id("person"))).selectByValue(String.valueOf(patId));
        browser.find(By.cssSelector("form[action='/console/dev-sign-in'] button")).click();

        browser.waitForText(By.tagName("h1"), seeded.cohortName());
        assertThat(browser.find(By.cssSelector("[data-testid=participants]")).getText()).isEqualTo(String.valueOf(seeded.participants()));
        assertThat(browser.find(By.cssSelector("[data-testid=sponsors]")).getText()).isEqualTo(String.valueOf(seeded.sponsors()));
        assertThat(browser.find(By.cssSelector("[data-testid=unreachable]")).getText()).isEqualTo("2");
        assertThat(browser.find(By.cssSelector("[data-testid=unreachable-table]")).getText())
                .contains(seeded.unreachableName(), seeded.failedName(), "not installed");
        assertThat(browser.find(By.cssSelector("[data-testid=prompt-rate]")).getText())
                .isEqualTo(Math.round(100.0 * seeded.promptsAnswered() / seeded.promptsSent()) + "%");
        assertThat(browser.find(By.cssSelector("[data-testid=tickets]")).getText()).isEqualTo(String.valueOf(seeded.openTickets()));
        assertThat(browser.find(By.cssSelector("[data-testid=next-announcement]")).getText()).isEqualTo(seeded.announcementTitle());
        assertThat(browser.find(By.cssSelector("header")).getText()).contains("Signed in as " + TestUsers.PAT.name());
        browser.waitFor(By.cssSelector("#meetings-chart[data-drawn=true]"));
        browser.waitFor(By.cssSelector("#reflections-chart[data-drawn=true]"));
        browser.screenshot("overview-1280");
        browser.resize(360, 800);
        browser.screenshot("overview-360");
    }

    @Test
    void theDevSignInWithNobodyChosenShowsTheErrorSummaryAndChangesNothing() {
        browser.open(base() + "/console/dev-sign-in");
        browser.find(By.cssSelector("form[action='/console/dev-sign-in'] button")).click();

        browser.waitForText(By.cssSelector(".error-summary"), "There is a problem");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("class")).contains("error-summary");
        assertThat(browser.find(By.cssSelector(".error-summary a")).getAttribute("href")).endsWith("#person");
        assertThat(browser.driver().getTitle()).startsWith("Error:");
        assertThat(browser.driver().manage().getCookieNamed("hps_console")).isNull();
        browser.screenshot("dev-sign-in-error");
    }

    @Test
    void entraSignInWithPkceOpensTheConsole() {
        entra.signInAs(TestUsers.PAT);
        int redeemedBefore = entra.codesRedeemed();

        browser.open(base() + "/console?cohort=" + seeded.cohortId());
        browser.find(By.linkText("Sign in with Microsoft")).click();

        browser.waitForText(By.cssSelector("header"), "Signed in as " + TestUsers.PAT.name());
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(base() + "/console?cohort=" + seeded.cohortId());
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo(seeded.cohortName());
        assertThat(entra.codesRedeemed()).isEqualTo(redeemedBefore + 1);
        browser.screenshot("entra-sign-in");
    }

    @Test
    void someoneNotOnTheProgrammeTeamIsRefusedWithTheForbiddenPage() {
        entra.signInAs(TestUsers.STRANGER);

        browser.open(base() + "/console");
        browser.find(By.linkText("Sign in with Microsoft")).click();

        browser.waitForText(By.tagName("h1"), "You do not have access to the console");
        assertThat(browser.find(By.tagName("main")).getText()).contains("only for current members of the HPS programme team");
        assertThat(browser.driver().findElements(By.cssSelector("nav[aria-label=Console]"))).isEmpty();
        browser.screenshot("forbidden");
    }

    @Test
    void aMemberRemovedFromTheTeamLosesTheConsoleAtTheirNextClick() {
        long robin = member(ROBIN);
        signInAsDev(robin);
        browser.waitForText(By.cssSelector("header"), "Signed in as " + ROBIN.name());

        programmeTeam.deleteById(robin);
        browser.driver().navigate().refresh();

        browser.waitForText(By.tagName("h1"), "You do not have access to the console");
        assertThat(browser.find(By.tagName("main")).getText()).contains(ROBIN.name() + ", the console is only for current members");
    }

    @Test
    void signingOutEndsTheSession() {
        signInAsDev(patId);
        browser.waitForText(By.cssSelector("header"), "Signed in as " + TestUsers.PAT.name());

        browser.find(By.cssSelector(".header__signout button")).click();
        browser.waitForText(By.tagName("h1"), "You have signed out");
        browser.screenshot("signed-out");
        browser.open(base() + "/console");

        browser.waitForText(By.tagName("h1"), "Sign in to the programme team's console");
        assertThat(browser.driver().manage().getCookieNamed("hps_console")).isNull();
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenChangesNothing() {
        signInAsDev(patId);
        browser.waitForText(By.cssSelector("header"), "Signed in as " + TestUsers.PAT.name());

        Object status = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/console/sign-out', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                       body: '_csrf=forged'}).then(r => done(r.status));""");
        browser.driver().navigate().refresh();

        assertThat(((Number) status).intValue()).isEqualTo(403);
        browser.waitForText(By.cssSelector("header"), "Signed in as " + TestUsers.PAT.name());
    }

    @Test
    void aFormPostedFromAnotherSiteIsRefused() {
        signInAsDev(patId);
        browser.waitForText(By.cssSelector("header"), "Signed in as " + TestUsers.PAT.name());

        // the attacker's page lives on another origin (another port on 127.0.0.1) and posts to the console
        HttpServer attacker = attackerPage("<form method=post action='" + base() + "/console/sign-out'>"
                + "<input name=_csrf value=x><button id=go>Win a prize</button></form>");
        try {
            browser.open("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
            browser.find(By.id("go")).click();
            browser.waitForText(By.tagName("h1"), "Nothing was changed");
        } finally {
            attacker.stop(0);
        }

        browser.screenshot("forged-post-refused");
        browser.open(base() + "/console");
        browser.waitForText(By.cssSelector("header"), "Signed in as " + TestUsers.PAT.name());
    }

    private void signInAsDev(long personId) {
        browser.open(base() + "/console/dev-sign-in");
        new Select(browser.find(By.id("person"))).selectByValue(String.valueOf(personId));
        browser.find(By.cssSelector("form[action='/console/dev-sign-in'] button")).click();
    }

    private static HttpServer attackerPage(String html) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = ("<!DOCTYPE html><html><body>" + html + "</body></html>").getBytes(StandardCharsets.UTF_8);
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
