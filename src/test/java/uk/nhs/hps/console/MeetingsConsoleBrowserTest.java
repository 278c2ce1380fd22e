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

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Meetings page in headless Chromium: filter to a cohort and "only pairs with a missed month", see the one pair
 * that missed last month, then fetch the page's CSV link in the same session. Screenshots at 1280 and 360 px (the
 * tables scroll inside their wrappers; the page itself must not scroll sideways) go to target/console-screenshots/.
 */
@MicronautTest(transactional = false, environments = "dev")
class MeetingsConsoleBrowserTest extends ConsoleTestBase {

    static final String COHORT = "Browser Meetings 2026";

    @Inject
    TransactionOperations<Connection> db;

    private Browser browser;
    private long cohortId;

    @BeforeAll
    void seed() {
        YearMonth last = YearMonth.now(ZoneId.of("Europe/London")).minusMonths(1);
        db.executeWrite(status -> {
            Connection c = status.getConnection();
            cohortId = insert(c, "INSERT INTO cohort (name, name_key, starts_on, ends_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    COHORT, COHORT.toLowerCase(), date(last.minusMonths(7).atDay(1)), date(last.plusMonths(18).atEndOfMonth()), now(), now());
            long rory = person(c, "rory.sponsor@nhs.net", "Rory Sponsor", "SPONSOR", null, null);
            long quinn = person(c, "quinn.missed@nhs.net", "Quinn Missed", "PARTICIPANT", cohortId, "Leeds Teaching Hospitals NHS Foundation Trust");
            long sol = person(c, "sol.met@nhs.net", "Sol Metalways", "PARTICIPANT", cohortId, "York and Scarborough Teaching Hospitals");
            long quinnRory = insert(c, "INSERT INTO sponsorship (participant_id, sponsor_id, starts_on, created_at) VALUES (?, ?, ?, ?)",
                    quinn, rory, date(last.minusMonths(7).atDay(1)), now());
            long solRory = insert(c, "INSERT INTO sponsorship (participant_id, sponsor_id, starts_on, created_at) VALUES (?, ?, ?, ?)",
                    sol, rory, date(last.minusMonths(7).atDay(1)), now());
            for (int back = 4; back >= 0; back--) {
                YearMonth m = last.minusMonths(back);
                month(c, quinnRory, quinn, rory, m, back == 0 ? "MISSED" : back == 2 ? "SKIPPED" : "MET",
                        back == 2 ? "Annual leave for two weeks, then a long course in London" : null);
                month(c, solRory, sol, rory, m, "MET", null);
            }
            return null;
        });
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
    void filterToACohortsPairsWithAMissedMonthAndDownloadThemAsCsv() {
        browser.find(By.linkText("Meetings")).click();
        browser.waitForText(By.tagName("h1"), "Meetings and engagement");
        new Select(browser.find(By.id("cohort"))).selectByVisibleText(COHORT);
        browser.find(By.id("missed")).click();
        browser.find(By.cssSelector("[data-testid=meetings-filter] button[type=submit]")).click();

        browser.waitForText(By.cssSelector("[data-testid=result-count]"), "1 pair.");
        assertThat(browser.driver().getCurrentUrl()).contains("cohort=" + cohortId, "missed=yes");
        String table = browser.find(By.cssSelector("[data-testid=pairs-table]")).getText();
        assertThat(table).contains("Quinn Missed", "Rory Sponsor", "Missed", "Annual leave for two weeks").doesNotContain("Sol Metalways");
        browser.screenshot("meetings-missed-1280");
        browser.resize(360, 800);
        long page = number("return document.documentElement.scrollWidth;");
        long screen = number("return document.documentElement.clientWidth;");
        long wrapper = number("return document.querySelector('[data-testid=pairs-table]').closest('.table-wrap').clientWidth;");
        long tableWidth = number("return document.querySelector('[data-testid=pairs-table]').scrollWidth;");
        browser.screenshot("meetings-missed-360");
        browser.resize(1280, 900);
        assertThat(page).as("the page's width at 360 px").isLessThanOrEqualTo(screen);
        assertThat(wrapper).isLessThanOrEqualTo(screen);
        assertThat(tableWidth).as("the table scrolls inside its wrapper").isGreaterThan(wrapper);

        String href = browser.find(By.cssSelector("[data-testid=csv]")).getAttribute("href");
        @SuppressWarnings("unchecked")
        Map<String, Object> csv = (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.text().then(t => done({status: r.status, type: r.headers.get('Content-Type'), text: t})));""",
                href);

        assertThat(href).contains("/console/meetings/export.csv?", "cohort=" + cohortId, "missed=yes");
        assertThat(((Number) csv.get("status")).intValue()).isEqualTo(200);
        assertThat((String) csv.get("type")).startsWith("text/csv");
        List<String> lines = List.of(((String) csv.get("text")).split("\r\n"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("\"Quinn Missed\",\"Rory Sponsor\"").contains("\"missed\"", "\"skipped: Annual leave");
    }

    private long number(String script) {
        return ((Number) ((JavascriptExecutor) browser.driver()).executeScript(script)).longValue();
    }

    private static java.time.OffsetDateTime now() {
        return Instant.now().atOffset(ZoneOffset.UTC);
    }

    private static Date date(LocalDate day) {
        return Date.valueOf(day);
    }

    private static long person(Connection c, String email, String name, String role, Long cohort, String organisation)
            throws java.sql.SQLException {
        return insert(c, """
                INSERT INTO person (email, display_name, role, status, time_zone, cohort_id, organisation, created_at, updated_at)
                VALUES (?, ?, ?, 'ACTIVE', 'Europe/London', ?, ?, ?, ?)""", email, name, role, cohort, organisation, now(), now());
    }

    private static void month(Connection c, long sponsorship, long participant, long sponsor, YearMonth m, String status,
                              String reason) throws java.sql.SQLException {
        insert(c, """
                INSERT INTO meeting_month (sponsorship_id, participant_id, sponsor_id, month_start, status, met_on, reason, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", sponsorship, participant, sponsor, date(m.atDay(1)), status,
                status.equals("MET") ? date(m.atDay(10)) : null, reason, now());
    }

    private static long insert(Connection c, String sql, Object... values) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        }
    }
}
