package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.Select;
import uk.nhs.hps.support.Browser;
import uk.nhs.hps.support.TestClock;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Reports page in headless Chromium: choose a cohort (the period stays the last full quarter), see its figures,
 * and download the PDF with the browser's session cookie; its text holds the figures. Screenshots of the page at 1280
 * and 360 px, and the PDF's pages as PNG, go to target/console-screenshots/.
 */
@MicronautTest(transactional = false, environments = "dev")
class ReportsConsoleBrowserTest extends ConsoleTestBase {

    @Inject
    TransactionOperations<Connection> db;
    @Inject
    TestClock clock;

    private ReportSeed.Seeded cohort;
    private Browser browser;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(super.extraProperties());
        p.put("hps.test.clock", "manual");
        return p;
    }

    @BeforeAll
    void seed() {
        cohort = ReportSeed.full(db, "browser-" + UUID.randomUUID().toString().substring(0, 6));
        // a newer cohort, so the page opens on another one and the test has to choose
        ReportSeed.empty(db, "browser-newer-" + UUID.randomUUID().toString().substring(0, 6));
    }

    @BeforeEach
    void openBrowser() {
        clock.set(Instant.parse("2027-04-15T09:00:00Z"));
        browser = browserSignedInAsPat();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void chooseACohortSeeItsFiguresAndDownloadThePdf() throws Exception {
        browser.find(By.linkText("Reports")).click();
        browser.waitForText(By.tagName("h1"), "Reports");
        new Select(browser.find(By.id("cohort"))).selectByVisibleText(cohort.name());
        browser.find(By.xpath("//button[text()='Show the figures']")).click();

        browser.waitForText(By.cssSelector("[data-testid=report-title]"), cohort.name() + ": January 2027 to March 2027");
        assertThat(browser.find(By.cssSelector("[data-testid=meetings]")).getText()).contains("March 2027 4 0 0 0 100%");
        browser.screenshot("reports-1280");
        browser.resize(360, 800);
        browser.screenshot("reports-360");
        browser.resize(1280, 900);
        String link = browser.find(By.cssSelector("[data-testid=download-pdf]")).getAttribute("href");
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link))
                .header("Cookie", cookies()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            ReportPdfPictures.render(document, "reports-browser-pdf");
            assertThat(new PDFTextStripper().getText(document).replaceAll("\\s+", " ")).contains("Cohort report",
                    cohort.name(), "January 2027 to March 2027", "Reached in Teams 3", "January 2027 2 0 1 1 67%",
                    "March 2027 2", "3 placed of 4 reviews", "OFFICIAL-SENSITIVE");
        }
    }

    /** The browser's cookies for the console, as a Cookie header: the download is the signed-in member's. */
    private String cookies() {
        return browser.driver().manage().getCookies().stream().map(Cookie::toString)
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).collect(Collectors.joining("; "));
    }
}
