package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;
import uk.nhs.hps.support.Browser;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * People and roster import in a real browser (headless Chromium), signed in with the dev sign-in: find a person and
 * change their sponsor through the confirmation page; import a roster with one bad row. Screenshots at 1280 and 360 px
 * go to target/console-screenshots/.
 */
@MicronautTest(transactional = false, environments = "dev")
class PeopleConsoleBrowserTest extends ConsoleTestBase {

    static final String COHORT = "Browser People 2027";

    @Inject
    CohortRepository cohorts;
    @Inject
    SponsorshipRepository sponsorships;

    private Browser browser;
    private long gail;

    @BeforeAll
    void roster() {
        Instant now = Instant.now();
        long cohort = cohorts.save(new Cohort(null, COHORT, Cohort.key(COHORT), LocalDate.of(2027, 9, 1), LocalDate.of(2029, 8, 31),
                "Europe/London", 14, now, now)).id();
        long sponsor = people.save(new Person(null, "hal.sponsor@nhs.net", "Hal Sponsor", Role.SPONSOR, PersonStatus.ACTIVE,
                "Europe/London", null, null, null, null, null, null, null, null, now, now)).id();
        people.save(new Person(null, "ivy.newsponsor@nhs.net", "Ivy Newsponsor", Role.SPONSOR, PersonStatus.ACTIVE,
                "Europe/London", null, null, null, null, null, null, null, null, now, now));
        gail = people.save(new Person(null, "gail.participant@nhs.net", "Gail Participant", Role.PARTICIPANT, PersonStatus.ACTIVE,
                "Europe/London", null, "Leeds Teaching Hospitals", "8a", null, cohort, null, null, null, null, now, now)).id();
        sponsorships.save(new Sponsorship(null, gail, sponsor, LocalDate.now().minusMonths(2), null, now));
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
    void findAPersonAndChangeTheirSponsorAfterConfirming() {
        browser.find(By.linkText("People")).click();
        browser.find(By.id("q")).sendKeys("gail");
        browser.find(By.cssSelector("form.search button")).click();
        browser.waitForText(By.cssSelector("[data-testid=result-count]"), "1 person found.");
        browser.screenshot("people-search-1280");
        browser.find(By.linkText("Gail Participant")).click();
        browser.waitForText(By.tagName("h1"), "Gail Participant");
        assertThat(browser.find(By.cssSelector("[data-testid=sponsors]")).getText()).contains("Hal Sponsor");
        assertThat(browser.find(By.cssSelector("[data-testid=reach]")).getText()).contains("Cannot be reached");
        browser.screenshot("person-1280");
        browser.resize(360, 800);
        browser.screenshot("person-360");
        browser.resize(1280, 900);

        browser.find(By.id("sponsorEmail")).sendKeys("ivy.newsponsor@nhs.net");
        browser.find(By.cssSelector("form[action$='/sponsor'] button")).click();
        browser.waitForText(By.tagName("h1"), "Change Gail Participant's sponsor?");
        browser.screenshot("sponsor-confirm-1280");
        browser.find(By.xpath("//button[text()='Yes, change the sponsor']")).click();

        browser.waitForText(By.cssSelector("[data-testid=done]"), "The sponsor was changed.");
        assertThat(browser.find(By.cssSelector("[data-testid=sponsors] tbody tr")).getText()).contains("Ivy Newsponsor", "now");
        assertThat(browser.find(By.cssSelector("[data-testid=sponsors]")).getText()).contains("Hal Sponsor");
        browser.screenshot("sponsor-changed-1280");
    }

    @Test
    void importARosterWithOneBadRowAndFindTheImportedPeople() {
        Path file = csv("""
                email,name,organisation,band,cohort,sponsor_email
                jo.imported@nhs.net,Jo Imported,York Teaching Hospital,7,%s,hal.sponsor@nhs.net
                kit.imported@nhs.net,Kit Imported,York Teaching Hospital,8a,%s,ivy.newsponsor@nhs.net
                not-an-address,Lee Broken,York Teaching Hospital,8a,%s,hal.sponsor@nhs.net
                """.formatted(COHORT, COHORT, COHORT));

        browser.find(By.linkText("Roster import")).click();
        browser.find(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.screenshot("roster-upload-1280");
        browser.find(By.cssSelector("[data-testid=upload-form] button")).click();

        browser.waitForText(By.tagName("h2"), "What the check found");
        assertThat(browser.find(By.cssSelector("[data-testid=valid-rows]")).getText()).isEqualTo("2");
        assertThat(browser.find(By.cssSelector("[data-testid=rows-table]")).getText()).contains("not-an-address", "malformed e-mail");
        browser.screenshot("roster-check-1280");
        browser.resize(360, 800);
        browser.screenshot("roster-check-360");
        browser.resize(1280, 900);

        browser.find(By.xpath("//button[text()='Import 2 valid row(s)']")).click();
        browser.waitForText(By.tagName("h1"), "Import 2 valid row(s)");
        browser.find(By.xpath("//button[text()='Yes, import 2 row(s)']")).click();
        browser.waitForText(By.cssSelector("[data-testid=outcome]"), "Imported 2 valid row(s).");
        browser.screenshot("roster-imported-1280");

        browser.find(By.linkText("See the history of imports")).click();
        browser.waitForText(By.cssSelector("[data-testid=history]"), "console import of roster-browser.csv");
        assertThat(browser.find(By.cssSelector("[data-testid=history]")).getText()).contains(TestUsers.PAT.name());
        browser.screenshot("roster-history-1280");
        browser.open(base() + "/console/people?q=imported");
        browser.waitForText(By.cssSelector("[data-testid=result-count]"), "2 people found.");
        assertThat(browser.find(By.cssSelector("[data-testid=people-table]")).getText()).contains("Jo Imported", "Kit Imported", COHORT);
    }

    private static Path csv(String content) {
        try {
            Path dir = Files.createTempDirectory("hps-roster-");
            Path file = dir.resolve("roster-browser.csv");
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
