package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.audit.AuditEvent;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.report.ReportingCohortQuarter;
import uk.nhs.hps.support.TestClock;
import uk.nhs.hps.support.TestUsers;
import uk.nhs.hps.talent.TalentGrids;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Reports page over HTTP: the figures of a seeded cohort for January to March 2027 in the preview, the CSV and the
 * PDF's text; the default period; bad input (a page saying what is wrong, no file); an empty cohort; who may see it;
 * the audit of a download. The clock stands at 15 April 2027, 10:00 UK time.
 */
@MicronautTest(transactional = false, environments = "dev")
class ReportsConsoleTest extends ConsoleTestBase {

    private static final String PERIOD = "&from=2027-01&to=2027-03";

    @Inject
    TransactionOperations<Connection> db;
    @Inject
    TestClock clock;
    @Inject
    AuditLog audit;
    @Inject
    TalentGrids grids;

    private ReportSeed.Seeded cohort;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(super.extraProperties());
        p.put("hps.test.clock", "manual");
        return p;
    }

    @BeforeAll
    void seed() {
        cohort = ReportSeed.full(db, UUID.randomUUID().toString().substring(0, 8));
    }

    @BeforeEach
    void aprilMorning() {
        clock.set(Instant.parse("2027-04-15T09:00:00Z"));
    }

    @Test
    void thePreviewShowsTheCohortsFiguresForThePeriod() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> page = console.get("/console/reports?cohort=" + cohort.cohortId() + PERIOD);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(cohort.name() + ": January 2027 to March 2027",
                row("Participants on the scheme (active or on leave)", "4"), row("Reached in Teams", "3"),
                row("Cannot be reached in Teams", "1"), row("Reflections logged in the period", "6"),
                row("Reflective prompts sent in the period", "2"), row("Prompts followed by an entry within 7 days", "1"),
                row("Prompt response rate", "50%"),
                row("Stream 1", "2", "5", "0", "4", "1 of 2"), row("Stream 2", "1", "2", "1", "2", "0 of 0"),
                row("No stream", "1", "1", "0", "0", "0 of 0"),
                row("January 2027", "2", "0", "1", "1", "67%"), row("February 2027", "2", "1", "0", "0", "67%"),
                row("March 2027", "4", "0", "0", "0", "100%"), row("Period", "8", "1", "1", "1", "80%"),
                row("January 2027", "3"), row("February 2027", "1"), row("March 2027", "2"),
                "Agreed placements in the 2026-27 review cycle", "3 placed of 4 reviews",
                row("In preparation", "1"), row("Agreed, awaiting moderation", "1"), row("Moderated, awaiting feedback", "1"),
                row("Fed back", "1"), "data-box=\"HIGH_HIGH\"><strong class=\"report-grid__count\">2</strong>",
                "data-box=\"MEDIUM_MEDIUM\"><strong class=\"report-grid__count\">1</strong>",
                "data-box=\"LOW_HIGH\"><strong class=\"report-grid__count\">0</strong>",
                "/console/reports/report.pdf?cohort=" + cohort.cohortId() + "&amp;from=2027-01&amp;to=2027-03")
                .doesNotContain("Named ");
    }

    @Test
    void withNothingChosenThePageShowsTheNewestCohortForTheLastFullQuarter() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        String page = console.get("/console/reports").body();

        assertThat(page).contains("value=\"2027-01\"", "value=\"2027-03\"", ": January 2027 to March 2027");
    }

    @Test
    void theCsvHoldsEveryFigureAsOneLongTable() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<byte[]> csv = console.bytes("/console/reports/report.csv?cohort=" + cohort.cohortId() + PERIOD);

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Cache-Control").orElseThrow()).isEqualTo("no-store");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).isEqualTo("attachment; filename=\"cohort-report-"
                + cohort.name().toLowerCase().replace(' ', '-') + "-2027-01-to-2027-03.csv\"");
        String highHigh = grids.current().boxLabel("HIGH_HIGH");
        assertThat(new String(csv.body(), StandardCharsets.UTF_8).lines().toList()).startsWith("section,month,measure,label,value")
                .contains("report,,cohort,," + cohort.name(), "report,,first_month,,2027-01", "report,,last_month,,2027-03",
                        "report,,classification,,OFFICIAL-SENSITIVE",
                        "engagement,,participants_on_scheme,,4", "engagement,,reachable_in_teams,,3",
                        "engagement,,cannot_be_reached,,1", "engagement,,prompts_sent,,2", "engagement,,prompts_answered,,1",
                        "meetings,2027-01,met,,2", "meetings,2027-01,missed,,1", "meetings,2027-01,not_needed,,1",
                        "meetings,2027-01,share_met_percent,,67", "meetings,2027-02,booked,,1", "meetings,2027-03,met,,4",
                        "reflections,2027-01,entries,,3", "reflections,2027-02,entries,,1", "reflections,2027-03,entries,,2",
                        "by_stream,,participants,stream_1,2", "by_stream,,met,stream_1,5", "by_stream,,met,stream_2,2",
                        "by_stream,,missed,stream_2,1", "by_stream,,not_needed,stream_none,1", "by_stream,,reflections,stream_1,4",
                        "by_stream,,prompts_answered,stream_1,1",
                        "nine_box,,cycle,,2026-27", "nine_box,,HIGH_HIGH," + csvCell(highHigh) + ",2", "nine_box,,reviews,,4",
                        "nine_box,,preparing,,1", "nine_box,,agreed,,1", "nine_box,,moderated,,1", "nine_box,,fed_back,,1")
                .noneMatch(line -> line.contains("Named "));
    }

    @Test
    void thePdfHasTheHeadingsFiguresMarkingAndPageNumbers() throws IOException {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<byte[]> pdf = console.bytes("/console/reports/report.pdf?cohort=" + cohort.cohortId() + PERIOD);

        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        assertThat(pdf.headers().firstValue("Cache-Control").orElseThrow()).isEqualTo("no-store");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment; filename=\"cohort-report-")
                .endsWith("-2027-01-to-2027-03.pdf\"");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            int pages = document.getNumberOfPages();
            ReportPdfPictures.render(document, "report-pdf-quarter");
            assertThat(pages).isBetween(2, 4);
            assertThat(text).contains("Cohort report", cohort.name(), "January 2027 to March 2027",
                    "Generated 15 April 2027, 10:00 (UK time)", "Counts only: no person is named",
                    "Engagement", "Participants on the scheme (active or on leave) 4", "Cannot be reached in Teams 1",
                    "Prompt response rate 50%", "By development stream",
                    "Stream Participants Met Missed Reflections Prompts answered", "Stream 1 2 5 0 4 1 of 2",
                    "Stream 2 1 2 1 2 0 of 0", "No stream 1 1 0 0 0 of 0",
                    "Sponsor meetings per month", "8 met, 1 booked, 1 missed, 1 not needed; 80% met",
                    "Month Met Booked Missed Not needed Share met", "January 2027 2 0 1 1 67%", "March 2027 4 0 0 0 100%",
                    "Reflections logged per month", "January 2027 3", "February 2027 1",
                    "9-box placements", "2026-27 review cycle", "3 placed of 4 reviews",
                    grids.current().boxLabel("HIGH_HIGH") + " 2", "Fed back 1", "In preparation 1",
                    "OFFICIAL-SENSITIVE", "Page 1 of " + pages, "Page " + pages + " of " + pages)
                    .doesNotContain("Named ");
            assertThat(text.split("OFFICIAL-SENSITIVE", -1)).hasSize(2 * pages + 1);
        }
    }

    @Test
    void aDownloadIsAuditedOnceWithTheCohortAndPeriodAndThePreviewIsNot() {
        long ada = member(new TestUsers.User("29:ada-" + cohort.cohortId(), "aad-ada-" + cohort.cohortId(), "Ada Auditor",
                "ada.auditor." + cohort.cohortId() + "@nhs.net"));
        ConsoleHttp console = new ConsoleHttp(base()).signIn(ada);

        console.get("/console/reports?cohort=" + cohort.cohortId() + PERIOD);
        console.bytes("/console/reports/report.pdf?cohort=" + cohort.cohortId() + PERIOD);

        List<AuditEvent> reports = audit.by(AuditLog.person(ada)).stream()
                .filter(e -> e.action().equals(ReportingCohortQuarter.AUDITED_AS)).toList();
        assertThat(reports).singleElement().satisfies(e -> assertThat(e.detail())
                .isEqualTo("PDF: cohort " + cohort.cohortId() + " (" + cohort.name() + "), 2027-01 to 2027-03"));
    }

    @Test
    void anUnknownCohortIsAProblemAndNoFile() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<byte[]> pdf = console.bytes("/console/reports/report.pdf?cohort=999999" + PERIOD);

        assertThat(pdf.statusCode()).isEqualTo(422);
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(pdf.headers().firstValue("Content-Disposition")).isEmpty();
        assertThat(new String(pdf.body(), StandardCharsets.UTF_8)).contains("There is a problem", "href=\"#cohort\"",
                "there is no cohort “999999”");
    }

    @Test
    void aLastMonthBeforeTheFirstIsAProblemThatKeepsWhatWasTyped() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> page = console.get("/console/reports?cohort=" + cohort.cohortId() + "&from=2027-03&to=2027-01");

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body()).contains("href=\"#to\"", "The last month must be the same as the first month or after it.",
                "value=\"2027-03\"", "value=\"2027-01\"").doesNotContain("data-testid=\"download-pdf\"");
    }

    @Test
    void aPeriodEndingInTheFutureIsAProblem() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<byte[]> csv = console.bytes("/console/reports/report.csv?cohort=" + cohort.cohortId() + "&from=2027-04&to=2027-05");

        assertThat(csv.statusCode()).isEqualTo(422);
        assertThat(csv.headers().firstValue("Content-Disposition")).isEmpty();
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).contains("The last month can be 2027-04 at the latest");
    }

    @Test
    void aPeriodLongerThanTwentyFourMonthsIsAProblem() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> page = console.get("/console/reports?cohort=" + cohort.cohortId() + "&from=2025-03&to=2027-03");

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body()).contains("A report covers 24 months at most: choose a last month no later than 2027-02.");
    }

    @Test
    void twentyFourMonthsIsAllowed() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> page = console.get("/console/reports?cohort=" + cohort.cohortId() + "&from=2025-04&to=2027-03");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("April 2025 to March 2027", row("December 2026", "1", "0", "0", "0", "100%"));
    }

    @Test
    void aMonthThatIsNotAMonthIsAProblem() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> page = console.get("/console/reports?cohort=" + cohort.cohortId() + "&from=January&to=2027-03");

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body()).contains("href=\"#from\"", "Enter the first month as year and month, for example 2027-01.",
                "value=\"January\"");
    }

    @Test
    void anEmptyCohortSaysNoDataInEachSectionOfThePdf() throws IOException {
        ReportSeed.Seeded empty = ReportSeed.empty(db, "empty-" + UUID.randomUUID().toString().substring(0, 8));
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<byte[]> pdf = console.bytes("/console/reports/report.pdf?cohort=" + empty.cohortId() + PERIOD);
        String page = console.get("/console/reports?cohort=" + empty.cohortId() + PERIOD).body();

        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(document)).contains(
                    "No data: the cohort has no participants on the roster.",
                    "No data: no sponsor meeting was recorded for this cohort in the period.",
                    "No data: no reflection was logged by this cohort's participants in the period.",
                    "No data: no 9-box review of this cohort in the review cycle 2026-27.");
        }
        assertThat(page).contains("data-testid=\"no-people\"", "data-testid=\"no-meetings\"", "data-testid=\"no-reflections\"",
                "data-testid=\"no-nine-box\"");
    }

    @Test
    void someoneNotOnTheProgrammeTeamIsRefusedThePageAndTheFile() {
        long nick = member(new TestUsers.User("29:nick-r", "aad-nick-r", "Nick Nonmember", "nick.reports@nhs.net"));
        ConsoleHttp console = new ConsoleHttp(base()).signIn(nick);
        programmeTeam.deleteById(nick);

        HttpResponse<String> page = console.get("/console/reports?cohort=" + cohort.cohortId() + PERIOD);
        HttpResponse<byte[]> pdf = console.bytes("/console/reports/report.pdf?cohort=" + cohort.cohortId() + PERIOD);

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).doesNotContain(cohort.name());
        assertThat(pdf.statusCode()).isEqualTo(403);
        assertThat(pdf.headers().firstValue("Content-Disposition")).isEmpty();
    }

    /** A table row as the page writes it: a row header, then number cells. */
    private static String row(String header, String... cells) {
        StringBuilder s = new StringBuilder("<th scope=\"row\">" + header + "</th>");
        for (String c : cells) {
            s.append("<td class=\"num\">").append(c).append("</td>");
        }
        return s.toString();
    }

    private static String csvCell(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
