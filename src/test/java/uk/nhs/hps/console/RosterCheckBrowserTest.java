package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;
import uk.nhs.hps.support.Browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roster check in headless Chromium: the console's pages log no Content Security Policy violation (htmx's own
 * indicator style is turned off; console.css has it), and the check of a file with long names and addresses fits a
 * 360 px phone without scrolling sideways (its table scrolls inside its wrapper). Screenshots at 1280 and 360 px.
 */
@MicronautTest(transactional = false, environments = "dev")
class RosterCheckBrowserTest extends ConsoleTestBase {

    private static final String COHORT = "Browser Check 2027";
    private static final String LONG_ADDRESS = "alexandra.montgomery-fitzwilliam.senior-improvement-lead@leedsteachinghospitals.nhs.net";

    @Inject
    CohortRepository cohorts;

    private Browser browser;

    @BeforeAll
    void signIn() {
        Instant now = Instant.now();
        cohorts.save(new Cohort(null, COHORT, Cohort.key(COHORT), LocalDate.of(2027, 9, 1), LocalDate.of(2029, 8, 31),
                "Europe/London", 14, now, now));
        browser = browserSignedInAsPat();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theConsoleLogsNoContentSecurityPolicyViolation() {
        browser.consoleLog();

        browser.open(base() + "/console/roster");
        browser.waitForText(By.tagName("h1"), "Roster import");
        // wait for htmx to have started: it adds its indicator style as it starts
        ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[0]; const check = () => window.htmx ? done(true) : setTimeout(check, 50); check();");
        browser.open(base() + "/console");
        browser.waitFor(By.tagName("h1"));
        List<String> log = browser.consoleLog();

        assertThat(log).noneMatch(line -> line.contains("Content Security Policy"));
    }

    @Test
    void theCheckOfAFileWithLongAddressesFitsA360PixelScreen() {
        Path file = csv("""
                email,name,organisation,band,cohort,sponsor_email
                %s,Alexandra Montgomery-Fitzwilliam,Leeds Teaching Hospitals NHS Trust,8a,%s,%s
                not-an-address-at-all-but-a-very-long-piece-of-text-without-any-spaces-in-it,Lee Broken,York,8a,%s,hal.sponsor@nhs.net
                """.formatted(LONG_ADDRESS, COHORT, "sponsor." + LONG_ADDRESS, COHORT));
        browser.open(base() + "/console/roster");
        browser.find(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.find(By.cssSelector("[data-testid=upload-form] button")).click();
        browser.waitForText(By.tagName("h2"), "What the check found");
        browser.screenshot("roster-check-long-1280");

        browser.resize(360, 800);
        long page = number("return document.documentElement.scrollWidth;");
        long screen = number("return document.documentElement.clientWidth;");
        long table = number("return document.querySelector('[data-testid=rows-table]').closest('.table-wrap').clientWidth;");
        // what sticks out, if anything, for the failure message (a table inside its scrolling wrapper may)
        Object wide = ((JavascriptExecutor) browser.driver()).executeScript("""
                const w = document.documentElement.clientWidth;
                return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1
                    && !e.closest('.table-wrap > *')).map(e => e.tagName + '.' + e.className).slice(0, 10).join(', ');""");
        browser.screenshot("roster-check-long-360");
        browser.resize(1280, 900);

        assertThat(page).as("the page's width at 360 px; sticking out: " + wide).isLessThanOrEqualTo(screen);
        assertThat(table).isLessThanOrEqualTo(screen);
    }

    private long number(String script) {
        return ((Number) ((JavascriptExecutor) browser.driver()).executeScript(script)).longValue();
    }

    private static Path csv(String content) {
        try {
            Path dir = Files.createTempDirectory("hps-roster-check-");
            Path file = dir.resolve("a-roster-file-with-a-rather-long-name-from-the-workforce-team-2027-cohort-final-v3.csv");
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
