package uk.nhs.hps.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import uk.nhs.hps.cohort.ReportingEngagementByStream;
import uk.nhs.hps.console.UkTime;
import uk.nhs.hps.csv.CsvCells;
import uk.nhs.hps.report.ReportingCohortQuarter.CohortQuarter;
import uk.nhs.hps.report.ReportingCohortQuarter.MonthFigures;
import uk.nhs.hps.talent.CountingPlacements;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The report as one long table a spreadsheet can filter and pivot: section, month (when the figure is a month's),
 * measure, label (a 9-box box's name) and value. Every cell is neutralised against formula injection.
 */
final class CohortReportCsv {

    private CohortReportCsv() {
    }

    static byte[] write(CohortQuarter r) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            csv.printRecord("section", "month", "measure", "label", "value");
            row(csv, "report", "", "cohort", "", r.cohortName());
            row(csv, "report", "", "first_month", "", r.first().toString());
            row(csv, "report", "", "last_month", "", r.last().toString());
            row(csv, "report", "", "generated_at_uk_time", "", UkTime.dateTime(r.generatedAt()));
            row(csv, "report", "", "classification", "", CohortReportPdf.MARKING);
            ReportingCohortQuarter.Engagement e = r.engagement();
            row(csv, "engagement", "", "participants_on_scheme", "", e.participants());
            row(csv, "engagement", "", "paused", "", e.paused());
            row(csv, "engagement", "", "left", "", e.left());
            row(csv, "engagement", "", "reachable_in_teams", "", e.reachable());
            row(csv, "engagement", "", "cannot_be_reached", "", e.unreachable());
            row(csv, "engagement", "", "prompts_sent", "", e.promptsSent());
            row(csv, "engagement", "", "prompts_answered", "", e.promptsAnswered());
            row(csv, "engagement", "", "prompt_response_percent", "", e.promptResponsePercent().map(String::valueOf).orElse(""));
            for (MonthFigures m : r.months()) {
                String month = m.month().toString();
                row(csv, "meetings", month, "met", "", m.met());
                row(csv, "meetings", month, "booked", "", m.booked());
                row(csv, "meetings", month, "missed", "", m.missed());
                row(csv, "meetings", month, "not_needed", "", m.skipped());
                row(csv, "meetings", month, "share_met_percent", "", m.shareMetPercent().map(String::valueOf).orElse(""));
            }
            for (MonthFigures m : r.months()) {
                row(csv, "reflections", m.month().toString(), "entries", "", m.reflections());
            }
            for (ReportingEngagementByStream.StreamEngagement st : r.byStream()) {
                String stream = "stream_" + st.stream();
                row(csv, "by_stream", "", "participants", stream, st.participants());
                row(csv, "by_stream", "", "met", stream, st.meetingsHeld());
                row(csv, "by_stream", "", "booked", stream, st.meetingsBooked());
                row(csv, "by_stream", "", "missed", stream, st.meetingsMissed());
                row(csv, "by_stream", "", "not_needed", stream, st.meetingsNotNeeded());
                row(csv, "by_stream", "", "reflections", stream, st.reflections());
                row(csv, "by_stream", "", "prompts_sent", stream, st.promptsSent());
                row(csv, "by_stream", "", "prompts_answered", stream, st.promptsAnswered());
            }
            CountingPlacements.Counts nine = r.nineBox();
            row(csv, "nine_box", "", "cycle", "", nine.cycle() == null ? "" : nine.cycle());
            row(csv, "nine_box", "", "grid_version", "", nine.gridVersion());
            for (CountingPlacements.Box b : nine.boxes()) {
                row(csv, "nine_box", "", b.key(), b.label(), b.count());
            }
            row(csv, "nine_box", "", "reviews", "", nine.reviews());
            row(csv, "nine_box", "", "preparing", "", nine.preparing());
            row(csv, "nine_box", "", "agreed", "", nine.agreed());
            row(csv, "nine_box", "", "moderated", "", nine.moderated());
            row(csv, "nine_box", "", "fed_back", "", nine.fedBack());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(CSVPrinter csv, String section, String month, String measure, String label, Object value)
            throws IOException {
        csv.printRecord(section, month, measure, CsvCells.neutralise(label), CsvCells.neutralise(String.valueOf(value)));
    }
}
