package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;
import uk.nhs.hps.people.DevelopmentStream;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;
import uk.nhs.hps.support.Browser;
import uk.nhs.hps.support.TalentSeed;

import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The talent pages in a real browser (headless Chromium): from the navigation to the heat map and movement, then
 * moderate a placement in the queue and see it move to "awaiting feedback". Screenshots at 1280 and 360 px go to
 * target/console-screenshots/; the page's console must log no error (a CSP refusal of an inline style or script would).
 */
@MicronautTest(transactional = false, environments = "dev")
class TalentConsoleBrowserTest extends ConsoleTestBase {

    static final String COHORT = "Browser Talent 2026";
    private static final String CYCLE = TalentConsoleTest.cycleOf(LocalDate.now(ZoneId.of("Europe/London")));
    private static final String PREVIOUS = TalentConsoleTest.cycleOf(LocalDate.now(ZoneId.of("Europe/London")).minusYears(1));

    @Inject
    CohortRepository cohorts;
    @Inject
    SponsorshipRepository sponsorships;
    @Inject
    TransactionOperations<Connection> db;

    private Browser browser;
    private long cohort;
    private long review;

    @BeforeAll
    void roster() {
        Instant now = Instant.now();
        cohort = cohorts.save(new Cohort(null, COHORT, Cohort.key(COHORT), LocalDate.of(2025, 9, 1), LocalDate.of(2027, 8, 31),
                "Europe/London", 14, now, now)).id();
        long sponsor = people.save(new Person(null, "tia.sponsor@nhs.net", "Tia Sponsor", Role.SPONSOR, PersonStatus.ACTIVE,
                "Europe/London", null, null, null, null, null, null, null, null, now, now)).id();
        String[] boxes = {"HIGH_HIGH", "HIGH_MEDIUM", "MEDIUM_MEDIUM", "MEDIUM_MEDIUM", "LOW_MEDIUM", "MEDIUM_HIGH"};
        String[] before = {"HIGH_MEDIUM", "HIGH_MEDIUM", "MEDIUM_LOW", "MEDIUM_MEDIUM", "MEDIUM_MEDIUM", "LOW_HIGH"};
        for (int i = 0; i < boxes.length; i++) {
            long p = people.save(new Person(null, "talent.browser" + i + "@nhs.net", "Participant " + (char) ('A' + i) + " Talent",
                    Role.PARTICIPANT, PersonStatus.ACTIVE, "Europe/London", null, i % 2 == 0 ? "Leeds Teaching Hospitals" : "York and Scarborough",
                    null, i % 2 == 0 ? DevelopmentStream.ONE : DevelopmentStream.TWO, cohort, null, null, null, null, now, now)).id();
            TalentSeed.write(db, TalentSeed.Review.agreed(p, null, PREVIOUS, before[i]).status("FED_BACK"));
            TalentSeed.write(db, TalentSeed.Review.agreed(p, null, CYCLE, boxes[i]).status("FED_BACK"));
        }
        long ivo = people.save(new Person(null, "ivo.moderated@nhs.net", "Ivo Moderated", Role.PARTICIPANT, PersonStatus.ACTIVE,
                "Europe/London", null, "Leeds Teaching Hospitals", null, DevelopmentStream.ONE, cohort, null, null, null, null, now, now)).id();
        sponsorships.save(new Sponsorship(null, ivo, sponsor, LocalDate.now().minusMonths(3), null, now));
        review = TalentSeed.write(db, TalentSeed.Review.agreed(ivo, sponsor, CYCLE, "HIGH_MEDIUM").answers(
                "{\"proposedBox\":\"HIGH_HIGH\",\"performance\":\"HIGH\",\"rating_aspiration\":\"DEMONSTRATED\","
                        + "\"evidence_aspiration\":\"Chaired the regional flow board and asked to lead the next bid.\"}",
                "{\"proposedBox\":\"HIGH_MEDIUM\",\"performance\":\"MEDIUM\",\"rating_aspiration\":\"DEVELOPING\","
                        + "\"evidence_aspiration\":\"Keen, but sustained delivery is still to show over a full year.\"}"));
        people.save(new Person(null, "una.notstarted@nhs.net", "Una Notstarted", Role.PARTICIPANT, PersonStatus.ACTIVE,
                "Europe/London", null, null, null, null, cohort, null, null, null, null, now, now));
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
    void moderateAPlacementInTheQueueAndSeeItMoveToAwaitingFeedback() {
        browser.find(By.linkText("Talent")).click();
        browser.waitForText(By.tagName("h1"), "Talent");
        new Select(browser.find(By.id("cohort"))).selectByVisibleText(COHORT);
        browser.find(By.xpath("//button[text()='Show']")).click();
        browser.waitForText(By.cssSelector("[data-testid=heat-summary]"), "7 of 8 participants");
        assertThat(browser.find(By.cssSelector("[data-testid=heat-map] td[data-box=MEDIUM_MEDIUM]")).getText()).startsWith("2");
        browser.consoleLog();
        shots("talent-heatmap");

        browser.find(By.linkText("Movement")).click();
        browser.waitForText(By.cssSelector("[data-testid=movement-summary]"), "moved up");
        browser.find(By.cssSelector("svg.movement-svg"));
        shots("talent-movement");

        browser.find(By.linkText("Moderation queue")).click();
        browser.waitForText(By.cssSelector("[data-testid=awaiting-moderation]"), "Ivo Moderated");
        assertThat(browser.find(By.id("review-" + review)).getText()).contains("Participant proposed", "Sponsor proposed",
                "Chaired the regional flow board", "Keen, but sustained delivery", "Sponsor: Tia Sponsor");
        shots("talent-queue");

        browser.find(By.cssSelector("#review-" + review + " button")).click();
        browser.waitForText(By.cssSelector("[data-testid=done]"), "Ivo Moderated's placement is marked moderated.");
        assertThat(browser.find(By.cssSelector("[data-testid=awaiting-feedback]")).getText()).contains("Ivo Moderated", "Mark fed back");
        assertThat(browser.find(By.cssSelector("[data-testid=awaiting-moderation]")).getText()).doesNotContain("Ivo Moderated");
        shots("talent-queue-moderated");

        browser.find(By.linkText("Outstanding conversations")).click();
        browser.waitForText(By.cssSelector("[data-testid=outstanding]"), "Una Notstarted");
        shots("talent-outstanding");
        List<String> errors = browser.consoleLog().stream().filter(l -> l.startsWith("SEVERE")).toList();
        assertThat(errors).isEmpty();
    }

    private void shots(String name) {
        browser.resize(1280, 900);
        browser.screenshot(name + "-1280");
        browser.resize(360, 800);
        browser.screenshot(name + "-360");
        browser.resize(1280, 900);
    }
}
