package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;
import uk.nhs.hps.support.Browser;
import uk.nhs.hps.support.TestUsers;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Privacy, audit log and calendar in a real browser (headless Chromium): erase a person after typing their name and
 * see them gone from People, their page and the cohort overview, and the erasure in the audit log; add a bank holiday,
 * with a bad date first. Screenshots at 1280 and 360 px go to target/console-screenshots/.
 */
@MicronautTest(transactional = false, environments = "dev")
class PrivacyConsoleBrowserTest extends ConsoleTestBase {

    static final String COHORT = "Browser Privacy 2027";

    @Inject
    CohortRepository cohorts;
    @Inject
    SponsorshipRepository sponsorships;

    private Browser browser;
    private long cohort;
    private long oli;

    @BeforeAll
    void roster() {
        Instant now = Instant.now();
        cohort = cohorts.save(new Cohort(null, COHORT, Cohort.key(COHORT), LocalDate.of(2027, 9, 1), LocalDate.of(2029, 8, 31),
                "Europe/London", 14, now, now)).id();
        long sponsor = people.save(new Person(null, "max.sponsor@nhs.net", "Max Sponsor", Role.SPONSOR, PersonStatus.ACTIVE,
                "Europe/London", null, null, null, null, null, null, null, null, now, now)).id();
        oli = people.save(new Person(null, "oli.erasable@nhs.net", "Oli Erasable", Role.PARTICIPANT, PersonStatus.ACTIVE,
                "Europe/London", null, "Leeds Teaching Hospitals", "8a", null, cohort, null, null, null, null, now, now)).id();
        sponsorships.save(new Sponsorship(null, oli, sponsor, LocalDate.now().minusMonths(2), null, now));
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
    void eraseAPersonAndSeeThemGoneFromEveryPage() {
        browser.open(base() + "/console?cohort=" + cohort);
        browser.waitForText(By.cssSelector("[data-testid=unreachable-table]"), "Oli Erasable");
        browser.open(base() + "/console/people/" + oli);
        browser.waitForText(By.tagName("h1"), "Oli Erasable");
        browser.find(By.linkText("Download or erase their personal data")).click();
        browser.waitForText(By.tagName("h1"), "Personal data of Oli Erasable");
        browser.screenshot("privacy-person-1280");
        browser.find(By.linkText("Erase their personal data")).click();
        browser.waitForText(By.tagName("h1"), "Erase Oli Erasable?");
        assertThat(browser.find(By.cssSelector("[data-testid=erase-preview]")).getText()).contains("person");

        browser.find(By.id("reason")).sendKeys("erasure request by e-mail");
        browser.find(By.id("confirmName")).sendKeys("Oli erasable");
        browser.find(By.xpath("//button[text()='Erase for good']")).click();
        browser.waitForText(By.cssSelector(".error-summary"), "The name typed does not match");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("class")).contains("error-summary");
        browser.screenshot("privacy-erase-error-1280");
        browser.resize(360, 800);
        browser.screenshot("privacy-erase-error-360");
        browser.resize(1280, 900);

        browser.find(By.id("confirmName")).clear();
        browser.find(By.id("confirmName")).sendKeys("Oli Erasable");
        browser.find(By.xpath("//button[text()='Erase for good']")).click();
        browser.waitForText(By.tagName("h1"), "Oli Erasable was erased");
        assertThat(browser.find(By.cssSelector("[data-testid=erasure-report]")).getText()).contains("person");
        browser.screenshot("privacy-erased-1280");
        browser.resize(360, 800);
        browser.screenshot("privacy-erased-360");
        browser.resize(1280, 900);

        browser.open(base() + "/console/people?q=oli");
        browser.waitForText(By.cssSelector("[data-testid=result-count]"), "0 people found.");
        browser.open(base() + "/console/people/" + oli);
        browser.waitForText(By.tagName("h1"), "Page not found");
        assertThat(browser.find(By.tagName("main")).getText()).contains("This person was erased on");
        browser.open(base() + "/console?cohort=" + cohort);
        browser.waitFor(By.cssSelector("h1"));
        assertThat(browser.find(By.tagName("main")).getText()).doesNotContain("Oli Erasable");

        browser.find(By.linkText("Audit log")).click();
        new Select(browser.find(By.id("action"))).selectByValue("ERASURE");
        browser.find(By.id("whose")).sendKeys(String.valueOf(oli));
        browser.find(By.xpath("//button[text()='Filter']")).click();
        browser.waitForText(By.cssSelector("[data-testid=result-count]"), "1 entry.");
        assertThat(browser.find(By.cssSelector("[data-testid=audit-table]")).getText())
                .contains(TestUsers.PAT.name(), "ERASURE", "(erased)", "erasure request by e-mail");
        browser.screenshot("audit-log-1280");
        browser.resize(360, 800);
        browser.screenshot("audit-log-360");
    }

    @Test
    void addABankHolidayAfterABadDate() {
        browser.find(By.linkText("Calendar")).click();
        browser.waitForText(By.tagName("h1"), "Calendar and settings");
        browser.screenshot("calendar-1280");
        browser.resize(360, 800);
        browser.screenshot("calendar-360");
        browser.resize(1280, 900);

        // a weekend day (a date picker cannot send an impossible date; the HTTP test covers that); the value is set as the
        // picker sets it, since the order of typed day and month depends on the browser's locale
        date("2027-06-12");
        browser.find(By.xpath("//button[text()='Add bank holiday']")).click();
        browser.waitForText(By.cssSelector(".error-summary"), "is a Saturday");
        browser.screenshot("calendar-error-1280");

        date("2027-06-14");
        browser.find(By.id("name")).clear();
        browser.find(By.id("name")).sendKeys("Browser extra day");
        browser.find(By.xpath("//button[text()='Add bank holiday']")).click();
        browser.waitForText(By.cssSelector("[data-testid=done]"), "14 June 2027 was added as a bank holiday.");
        assertThat(browser.find(By.cssSelector("[data-testid=bank-holidays] tr[data-date='2027-06-14']")).getText())
                .contains("Monday 14 June 2027", "Browser extra day", "Added by the programme team");
        browser.screenshot("calendar-added-1280");
    }

    private void date(String iso) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];", browser.find(By.id("date")), iso);
    }
}
