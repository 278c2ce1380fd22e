package uk.nhs.hps.report;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import uk.nhs.hps.cohort.ReportingEngagementByStream;
import uk.nhs.hps.console.UkTime;
import uk.nhs.hps.report.ReportingCohortQuarter.CohortQuarter;
import uk.nhs.hps.report.ReportingCohortQuarter.MonthFigures;
import uk.nhs.hps.talent.CountingPlacements;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The cohort report as a PDF: a title block, then engagement, sponsor meetings, reflections and the 9-box, each chart
 * drawn as vector graphics and followed by its figures as a table (so a screen reader, or a test, reads the numbers).
 * Every page carries the protective marking at top and bottom, the cohort and period, and "Page n of N". Text is in
 * DejaVu Sans (the fonts the reflective-log PDF ships), embedded as a subset; a character the font lacks prints as "?".
 */
final class CohortReportPdf {

    /** The protective marking: figures about NHS staff, aggregated, for the programme board's eyes. */
    static final String MARKING = "OFFICIAL-SENSITIVE";

    private static final PDRectangle SIZE = PDRectangle.A4;
    private static final float MARGIN = 50;
    private static final float WIDTH = SIZE.getWidth() - 2 * MARGIN;
    private static final float BOTTOM = MARGIN + 24;
    private static final float[] MET = rgb(0x007f3b);
    private static final float[] BOOKED = rgb(0x005eb8);
    private static final float[] MISSED = rgb(0xd5281b);
    private static final float[] SKIPPED = rgb(0x768692);
    private static final float[] REFLECTIONS = rgb(0x330072);
    private static final float[] TEXT = rgb(0x212b32);
    private static final float[] GRID = rgb(0xd8dde0);
    private static final float[] PALE = rgb(0xe8edee);

    private static final java.util.Map<String, byte[]> FONT_FILES = new java.util.concurrent.ConcurrentHashMap<>();

    private record Series(String name, float[] colour, Function<MonthFigures, Integer> value) {
    }

    private final PDDocument document = new PDDocument();
    private final PDFont regular;
    private final PDFont bold;
    private PDPageContentStream content;
    private float y;

    private CohortReportPdf(String title) {
        regular = font("DejaVuSans.ttf");
        bold = font("DejaVuSans-Bold.ttf");
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(title);
        info.setCreator("HPS Companion");
        newPage();
    }

    static byte[] write(CohortQuarter r) {
        String period = UkTime.month(r.first()) + " to " + UkTime.month(r.last());
        CohortReportPdf pdf = new CohortReportPdf("Cohort report: " + r.cohortName() + ", " + period);
        try {
            pdf.report(r, period);
            return pdf.finish(r.cohortName() + " · " + period);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pdf.close();
        }
    }

    private void report(CohortQuarter r, String period) throws IOException {
        text("Cohort report", bold, 20, TEXT);
        text(r.cohortName(), bold, 14, TEXT);
        text(period, regular, 12, TEXT);
        text("Generated " + UkTime.dateTime(r.generatedAt()) + " (UK time) by HPS Companion.", regular, 9.5f, TEXT);
        text("Counts only: no person is named in this report.", regular, 9.5f, TEXT);
        y -= 10;

        heading("Engagement");
        ReportingCohortQuarter.Engagement e = r.engagement();
        if (e.participants() == 0 && e.left() == 0) {
            noData("the cohort has no participants on the roster.");
        }
        text("Participants are counted as at the time the report was generated; prompts are those sent in the period.",
                regular, 9, TEXT);
        table(List.of("Measure", "Count"), List.of(
                List.of("Participants on the scheme (active or on leave)", String.valueOf(e.participants())),
                List.of("On leave (paused)", String.valueOf(e.paused())),
                List.of("Left the scheme", String.valueOf(e.left())),
                List.of("Reached in Teams", String.valueOf(e.reachable())),
                List.of("Cannot be reached in Teams", String.valueOf(e.unreachable())),
                List.of("Reflections logged in the period", String.valueOf(r.reflections())),
                List.of("Reflective prompts sent in the period", String.valueOf(e.promptsSent())),
                List.of("Prompts followed by an entry within 7 days", String.valueOf(e.promptsAnswered())),
                List.of("Prompt response rate", e.promptResponsePercent().map(p -> p + "%").orElse("no prompts sent"))),
                new float[]{0.8f, 0.2f});

        heading("By development stream");
        text("The same counts for stream 1, stream 2 and participants with no stream on the roster.", regular, 9, TEXT);
        List<List<String>> streams = new ArrayList<>();
        for (ReportingEngagementByStream.StreamEngagement st : r.byStream()) {
            streams.add(List.of(st.stream().equals("none") ? "No stream" : "Stream " + st.stream(), String.valueOf(st.participants()),
                    String.valueOf(st.meetingsHeld()), String.valueOf(st.meetingsMissed()), String.valueOf(st.reflections()),
                    st.promptsAnswered() + " of " + st.promptsSent()));
        }
        table(List.of("Stream", "Participants", "Met", "Missed", "Reflections", "Prompts answered"), streams,
                new float[]{0.2f, 0.16f, 0.12f, 0.12f, 0.16f, 0.24f});

        heading("Sponsor meetings per month", 280);
        if (!r.hasMeetings()) {
            noData("no sponsor meeting was recorded for this cohort in the period.");
        } else {
            text("Each participant and sponsor pair records each month as met, booked, missed or not needed. Share met is met"
                    + " as a percentage of met, booked and missed (months marked not needed are left out). In the period: "
                    + r.met() + " met, " + r.booked() + " booked, " + r.missed() + " missed, " + r.skipped() + " not needed"
                    + r.shareMetPercent().map(p -> "; " + p + "% met").orElse("") + ".", regular, 9, TEXT);
            chart(r.months(), List.of(new Series("Met", MET, MonthFigures::met), new Series("Booked", BOOKED, MonthFigures::booked),
                    new Series("Missed", MISSED, MonthFigures::missed), new Series("Not needed", SKIPPED, MonthFigures::skipped)),
                    "Stacked bar chart of sponsor meetings per month");
            List<List<String>> rows = new ArrayList<>();
            for (MonthFigures m : r.months()) {
                rows.add(List.of(UkTime.month(m.month()), String.valueOf(m.met()), String.valueOf(m.booked()),
                        String.valueOf(m.missed()), String.valueOf(m.skipped()), m.shareMetPercent().map(p -> p + "%").orElse("–")));
            }
            table(List.of("Month", "Met", "Booked", "Missed", "Not needed", "Share met"), rows,
                    new float[]{0.3f, 0.14f, 0.14f, 0.14f, 0.14f, 0.14f});
        }

        heading("Reflections logged per month", 270);
        if (!r.hasReflections()) {
            noData("no reflection was logged by this cohort's participants in the period.");
        } else {
            text("Reflective log entries created in the month (in the cohort's time zone) and not deleted: "
                    + r.reflections() + " in the period.", regular, 9, TEXT);
            chart(r.months(), List.of(new Series("Reflections", REFLECTIONS, MonthFigures::reflections)),
                    "Bar chart of reflections logged per month");
            List<List<String>> rows = new ArrayList<>();
            for (MonthFigures m : r.months()) {
                rows.add(List.of(UkTime.month(m.month()), String.valueOf(m.reflections())));
            }
            table(List.of("Month", "Reflections"), rows, new float[]{0.6f, 0.4f});
        }

        nineBox(r.nineBox());
    }

    // ---- sections

    private void heading(String text) throws IOException {
        heading(text, 70);
    }

    /** A heading kept on the page with {@code keep} points of what follows it. */
    private void heading(String text, float keep) throws IOException {
        keepTogether(keep);
        y -= 8;
        text(text, bold, 14, TEXT);
        y -= 2;
    }

    private void noData(String why) throws IOException {
        text("No data: " + why, bold, 10, TEXT);
    }

    /** A bar chart, one bar per month, its series stacked; a legend above, a count axis on the left. */
    private void chart(List<MonthFigures> months, List<Series> series, String description) throws IOException {
        float height = 190;
        keepTogether(height + 30);
        float legendY = y - 12;
        float x = MARGIN;
        for (Series s : series) {
            fill(s.colour());
            content.addRect(x, legendY - 1, 9, 9);
            content.fill();
            write(s.name(), regular, 9, x + 13, legendY, TEXT);
            x += 13 + width(s.name(), regular, 9) + 16;
        }
        float plotTop = legendY - 14;
        float plotBottom = plotTop - height + 40;
        float plotLeft = MARGIN + 34;
        float plotWidth = WIDTH - 34;
        int max = 0;
        for (MonthFigures m : months) {
            int total = 0;
            for (Series s : series) {
                total += s.value().apply(m);
            }
            max = Math.max(max, total);
        }
        int step = niceStep(max);
        int top = Math.max(step, ((max + step - 1) / step) * step);
        float scale = (plotTop - plotBottom) / top;
        for (int v = 0; v <= top; v += step) {
            float at = plotBottom + v * scale;
            stroke(GRID);
            content.setLineWidth(0.5f);
            content.moveTo(plotLeft, at);
            content.lineTo(plotLeft + plotWidth, at);
            content.stroke();
            String label = String.valueOf(v);
            write(label, regular, 7.5f, plotLeft - 4 - width(label, regular, 7.5f), at - 2.5f, TEXT);
        }
        float slot = plotWidth / months.size();
        float bar = Math.min(28, slot * 0.7f);
        boolean single = series.size() == 1;
        for (int i = 0; i < months.size(); i++) {
            MonthFigures m = months.get(i);
            float left = plotLeft + i * slot + (slot - bar) / 2;
            float base = plotBottom;
            int total = 0;
            for (Series s : series) {
                int v = s.value().apply(m);
                total += v;
                if (v > 0) {
                    fill(s.colour());
                    content.addRect(left, base, bar, v * scale);
                    content.fill();
                    base += v * scale;
                }
            }
            // the total above a bar when it fits: the figures are also in the table below
            String value = String.valueOf(total);
            if (single && width(value, regular, 6.5f) <= slot - 1) {
                write(value, regular, 6.5f, left + (bar - width(value, regular, 6.5f)) / 2, base + 2, TEXT);
            }
            String month = m.month().getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.UK);
            month = month.length() > 3 ? month.substring(0, 3) : month;
            float centre = plotLeft + i * slot + slot / 2;
            write(month, regular, 7, centre - width(month, regular, 7) / 2, plotBottom - 10, TEXT);
            if (i == 0 || m.month().getMonthValue() == 1) {
                String year = String.valueOf(m.month().getYear());
                write(year, regular, 7, centre - width(year, regular, 7) / 2, plotBottom - 19, TEXT);
            }
        }
        stroke(TEXT);
        content.setLineWidth(0.8f);
        content.moveTo(plotLeft, plotBottom);
        content.lineTo(plotLeft + plotWidth, plotBottom);
        content.stroke();
        y = plotBottom - 24;
        text(description + "; the figures are in the table below.", regular, 7.5f, TEXT);
    }

    /** The 9-box as a grid of counts, potential in rows (high at the top), performance in columns (below to exceeds). */
    private void nineBox(CountingPlacements.Counts n) throws IOException {
        heading("9-box placements", 300);
        if (n.cycle() == null) {
            noData("no 9-box review of this cohort in the review cycle" + (n.cyclesInPeriod().size() > 1 ? "s " : " ")
                    + String.join(" and ", n.cyclesInPeriod()) + ".");
            return;
        }
        text("Agreed placements in the " + n.cycle() + " review cycle (the latest in the period with a review), with the box"
                + " labels of grid version " + n.gridVersion() + ": " + n.placed() + " placed of " + n.reviews() + " reviews.",
                regular, 9, TEXT);
        float cellW = 128;
        float cellH = 64;
        float rowLabel = 70;
        keepTogether(3 * cellH + 80);
        y -= 14;
        write("Potential", bold, 8.5f, MARGIN, y, TEXT);
        float gridTop = y - 6;
        float left = MARGIN + rowLabel;
        int max = n.boxes().stream().mapToInt(CountingPlacements.Box::count).max().orElse(0);
        for (int i = 0; i < n.boxes().size(); i++) {
            CountingPlacements.Box b = n.boxes().get(i);
            int row = i / 3;
            int col = i % 3;
            float cx = left + col * cellW;
            float cy = gridTop - (row + 1) * cellH;
            float share = max == 0 ? 0 : (float) b.count() / max;
            float[] shade = mix(PALE, BOOKED, share * 0.85f);
            fill(shade);
            content.addRect(cx, cy, cellW, cellH);
            content.fill();
            stroke(new float[]{1, 1, 1});
            content.setLineWidth(2);
            content.addRect(cx, cy, cellW, cellH);
            content.stroke();
            float[] ink = share > 0.5f ? new float[]{1, 1, 1} : TEXT;
            write(String.valueOf(b.count()), bold, 15, cx + 6, cy + cellH - 18, ink);
            float ly = cy + cellH - 30;
            for (String line : wrap(b.label(), regular, 7, cellW - 12)) {
                if (ly < cy + 4) {
                    break;
                }
                write(line, regular, 7, cx + 6, ly, ink);
                ly -= 8.5f;
            }
        }
        for (int row = 0; row < n.potentialRows().size(); row++) {
            String label = n.potentialRows().get(row);
            write(label, regular, 8.5f, MARGIN + rowLabel - 6 - width(label, regular, 8.5f),
                    gridTop - row * cellH - cellH / 2 - 3, TEXT);
        }
        float under = gridTop - 3 * cellH - 12;
        for (int col = 0; col < n.performanceColumns().size(); col++) {
            String label = n.performanceColumns().get(col);
            write(label, regular, 8.5f, left + col * cellW + (cellW - width(label, regular, 8.5f)) / 2, under, TEXT);
        }
        String axis = "Performance";
        write(axis, bold, 8.5f, left + (3 * cellW - width(axis, bold, 8.5f)) / 2, under - 12, TEXT);
        y = under - 22;
        text("The 9-box grid of counts; the figures are in the tables below.", regular, 7.5f, TEXT);
        List<List<String>> rows = new ArrayList<>();
        for (CountingPlacements.Box b : n.boxes()) {
            rows.add(List.of(b.label(), String.valueOf(b.count())));
        }
        table(List.of("Box", "Placed"), rows, new float[]{0.8f, 0.2f});
        y -= 6;
        table(List.of("Review stage", "Reviews"), List.of(
                List.of("In preparation", String.valueOf(n.preparing())),
                List.of("Agreed, awaiting moderation", String.valueOf(n.agreed())),
                List.of("Moderated, awaiting feedback", String.valueOf(n.moderated())),
                List.of("Fed back", String.valueOf(n.fedBack())),
                List.of("All reviews in the cycle", String.valueOf(n.reviews()))), new float[]{0.8f, 0.2f});
    }

    /** A table with a header row (repeated after a page break); columns after the first are right-aligned numbers. */
    private void table(List<String> headers, List<List<String>> rows, float[] shares) throws IOException {
        float size = 8.5f;
        float rowH = 14;
        keepTogether(rowH * Math.min(rows.size() + 1, 4) + 6);
        y -= 4;
        header(headers, shares, size, rowH);
        for (List<String> row : rows) {
            if (y - rowH < BOTTOM) {
                newPage();
                header(headers, shares, size, rowH);
            }
            cells(row, shares, regular, size, rowH);
            stroke(GRID);
            content.setLineWidth(0.4f);
            content.moveTo(MARGIN, y);
            content.lineTo(MARGIN + WIDTH, y);
            content.stroke();
        }
        y -= 6;
    }

    private void header(List<String> headers, float[] shares, float size, float rowH) throws IOException {
        cells(headers, shares, bold, size, rowH);
        stroke(TEXT);
        content.setLineWidth(0.8f);
        content.moveTo(MARGIN, y);
        content.lineTo(MARGIN + WIDTH, y);
        content.stroke();
    }

    private void cells(List<String> values, float[] shares, PDFont font, float size, float rowH) throws IOException {
        y -= rowH;
        float x = MARGIN;
        for (int i = 0; i < values.size(); i++) {
            float w = WIDTH * shares[i];
            String v = fit(clean(values.get(i), font), font, size, w - 8);
            float at = i == 0 ? x + 2 : x + w - 2 - width(v, font, size);
            write(v, font, size, at, y + 4, TEXT);
            x += w;
        }
    }

    // ---- page layout

    private void text(String text, PDFont font, float size, float[] colour) throws IOException {
        float leading = size * 1.35f;
        for (String line : wrap(clean(text, font), font, size, WIDTH)) {
            if (y - leading < BOTTOM) {
                newPage();
            }
            y -= leading;
            write(line, font, size, MARGIN, y, colour);
        }
    }

    private void keepTogether(float points) {
        if (y - points < BOTTOM) {
            newPage();
        }
    }

    private void newPage() {
        try {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(SIZE);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = SIZE.getHeight() - MARGIN - 14;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The marking at top and bottom, and the cohort, period and page number at the foot of every page. */
    private byte[] finish(String footer) throws IOException {
        content.close();
        content = null;
        int pages = document.getNumberOfPages();
        String left = clean(footer, regular);
        for (int i = 0; i < pages; i++) {
            try (PDPageContentStream s = new PDPageContentStream(document, document.getPage(i),
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                content = s;
                float markWidth = width(MARKING, bold, 9);
                write(MARKING, bold, 9, (SIZE.getWidth() - markWidth) / 2, SIZE.getHeight() - MARGIN / 2 - 6, TEXT);
                write(MARKING, bold, 9, (SIZE.getWidth() - markWidth) / 2, MARGIN / 2 - 4, TEXT);
                String page = "Page " + (i + 1) + " of " + pages;
                write(page, regular, 8, SIZE.getWidth() - MARGIN - width(page, regular, 8), MARGIN / 2 + 8, TEXT);
                write(fit(left, regular, 8, WIDTH - width(page, regular, 8) - 20), regular, 8, MARGIN, MARGIN / 2 + 8, TEXT);
            }
        }
        content = null;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    private void close() {
        try {
            if (content != null) {
                content.close();
            }
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- drawing and text

    private void write(String text, PDFont font, float size, float x, float atY, float[] colour) throws IOException {
        fill(colour);
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, atY);
        content.showText(text);
        content.endText();
    }

    private void fill(float[] c) throws IOException {
        content.setNonStrokingColor(c[0], c[1], c[2]);
    }

    private void stroke(float[] c) throws IOException {
        content.setStrokingColor(c[0], c[1], c[2]);
    }

    private List<String> wrap(String text, PDFont font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && width(candidate, font, size) > width) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(fit(word, font, size, width));
            } else {
                line.setLength(0);
                line.append(fit(candidate, font, size, width));
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /** The text, shortened with an ellipsis if it is wider than the room (a cell, a footer). */
    private String fit(String text, PDFont font, float size, float room) throws IOException {
        if (width(text, font, size) <= room) {
            return text;
        }
        String cut = text;
        while (cut.length() > 1 && width(cut + "…", font, size) > room) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    private static float width(String text, PDFont font, float size) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    /** Only what the font can draw: controls become spaces, a character it has no glyph for becomes "?". */
    private static String clean(String text, PDFont font) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                out.append(' ');
                return;
            }
            String c = new String(Character.toChars(cp));
            try {
                font.encode(c);
                out.append(c);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    /** One of the shipped fonts, read from the jar once and parsed for each document (PDFBox closes it with it). */
    private PDFont font(String file) {
        byte[] bytes = FONT_FILES.computeIfAbsent(file, CohortReportPdf::read);
        try {
            return PDType0Font.load(document, new java.io.ByteArrayInputStream(bytes), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(String file) {
        try (InputStream in = CohortReportPdf.class.getResourceAsStream("/fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("Font not on the classpath: fonts/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 1, 2 or 5 times a power of ten, so the count axis has at most about five lines. */
    static int niceStep(int max) {
        if (max <= 5) {
            return 1;
        }
        double raw = max / 5.0;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (int m : new int[]{1, 2, 5, 10}) {
            if (m * power >= raw) {
                return (int) Math.max(1, Math.round(m * power));
            }
        }
        return (int) Math.round(10 * power);
    }

    private static float[] rgb(int hex) {
        return new float[]{((hex >> 16) & 0xff) / 255f, ((hex >> 8) & 0xff) / 255f, (hex & 0xff) / 255f};
    }

    private static float[] mix(float[] from, float[] to, float t) {
        return new float[]{from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t, from[2] + (to[2] - from[2]) * t};
    }
}
