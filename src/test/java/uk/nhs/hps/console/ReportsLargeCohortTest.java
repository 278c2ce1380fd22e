package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import uk.nhs.hps.support.CohortSeed;
import uk.nhs.hps.support.TestClock;
import uk.nhs.hps.support.TestDatabases;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cohort of 2,000 participants (1,000 sponsors) with 24 months of history (48,000 meeting months, 48,000 prompts,
 * about 56,000 reflections): its 24-month PDF over HTTP holds the seeded totals. The time of each download (one
 * warm-up, then five) is printed, not asserted: the figures are a handful of grouped queries whatever the cohort's
 * size (none per person), so the time is the PDF's drawing plus those queries. Seeding the cohort takes minutes on a
 * shared machine, so it runs only when asked: {@code ./mvnw -B test -Dtest='ReportsLargeCohort*' -Dreports.large=true}.
 */
@EnabledIfSystemProperty(named = "reports.large", matches = "true")
@MicronautTest(transactional = false, environments = "dev")
class ReportsLargeCohortTest extends ConsoleTestBase {

    @Inject
    TransactionOperations<Connection> db;
    @Inject
    TestClock clock;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(super.extraProperties());
        p.put("hps.test.clock", "manual");
        return p;
    }

    @Test
    void twentyFourMonthsOfTwoThousandParticipantsMakeAPdfWithTheSeededTotals() throws Exception {
        Instant now = Instant.parse("2027-06-20T09:00:00Z");
        clock.set(now);
        CohortSeed.Seeded seeded = CohortSeed.seed(db, now, 2_000, 24, "large-" + UUID.randomUUID().toString().substring(0, 6));
        YearMonth last = YearMonth.from(now.atZone(ZoneId.of("Europe/London")));
        String path = "/console/reports/report.pdf?cohort=" + seeded.cohortId() + "&from=" + last.minusMonths(23) + "&to=" + last;
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        console.bytes(path);
        List<Long> millis = new ArrayList<>();
        HttpResponse<byte[]> pdf = null;
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            pdf = console.bytes(path);
            millis.add((System.nanoTime() - started) / 1_000_000);
        }
        String engine = TestDatabases.engine(db);
        System.out.println("Cohort report PDF, " + seeded.participants() + " participants, 24 months, " + engine + ": "
                + millis + " ms, " + pdf.body().length + " bytes");

        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            ReportPdfPictures.render(document, "report-pdf-24-months-" + engine.toLowerCase(java.util.Locale.ROOT));
            assertThat(new PDFTextStripper().getText(document).replaceAll("\\s+", " ")).contains(
                    "Participants on the scheme (active or on leave) 2000",
                    "In the period: " + seeded.met() + " met, " + seeded.booked() + " booked, " + seeded.missed() + " missed",
                    ": " + seeded.reflections() + " in the period", UkTime.month(last.minusMonths(23)), UkTime.month(last));
        }
    }
}
