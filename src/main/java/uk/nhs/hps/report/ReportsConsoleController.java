package uk.nhs.hps.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import uk.nhs.hps.console.ConsolePages;
import uk.nhs.hps.console.SigningIn;
import uk.nhs.hps.console.UkTime;
import uk.nhs.hps.report.ReportingCohortQuarter.CohortQuarter;
import uk.nhs.hps.report.ReportingCohortQuarter.Download;
import uk.nhs.hps.report.ReportingCohortQuarter.Format;
import uk.nhs.hps.report.ReportingCohortQuarter.Request;
import uk.nhs.hps.report.ReportingCohortQuarter.Shown;
import uk.nhs.hps.talent.CountingPlacements;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Page 6 of the console (issue 16): choose a cohort and months, see the figures, download them as PDF or CSV
 * (GET /console/reports, /console/reports/report.pdf, /console/reports/report.csv with cohort, from and to).
 * Bad input shows the form with what is wrong, and no file.
 */
@Hidden
@Controller("/console/reports")
@ExecuteOn(TaskExecutors.BLOCKING)
class ReportsConsoleController {

    private static final String SECTION = "reports";

    private final ReportingCohortQuarter reporting;
    private final ConsolePages pages;

    ReportsConsoleController(ReportingCohortQuarter reporting, ConsolePages pages) {
        this.reporting = reporting;
        this.pages = pages;
    }

    @Get
    MutableHttpResponse<String> page(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                     @Nullable @QueryValue String cohort, @Nullable @QueryValue String from,
                                     @Nullable @QueryValue String to) {
        return render(request, reporting.show(new Request(member.personId(), cohort, from, to)));
    }

    @Get("/report.pdf")
    MutableHttpResponse<?> pdf(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                               @Nullable @QueryValue String cohort, @Nullable @QueryValue String from,
                               @Nullable @QueryValue String to) {
        return file(request, reporting.download(new Request(member.personId(), cohort, from, to), Format.PDF));
    }

    @Get("/report.csv")
    MutableHttpResponse<?> csv(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                               @Nullable @QueryValue String cohort, @Nullable @QueryValue String from,
                               @Nullable @QueryValue String to) {
        return file(request, reporting.download(new Request(member.personId(), cohort, from, to), Format.CSV));
    }

    private MutableHttpResponse<?> file(HttpRequest<?> request, Download download) {
        if (download instanceof Download.Refused refused) {
            return render(request, refused.form());
        }
        Download.File f = (Download.File) download;
        return HttpResponse.ok(f.body())
                .contentType(f.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + f.fileName() + "\"")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff");
    }

    private MutableHttpResponse<String> render(HttpRequest<?> request, Shown shown) {
        Map<String, Object> m = new HashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        shown.problems().forEach(p -> errors.putIfAbsent(p.field(), p.message()));
        m.put("errors", errors);
        m.put("cohorts", shown.cohorts().stream().map(c -> Map.of("id", c.id(), "name", c.name(),
                "selected", shown.cohortId() != null && c.id() == shown.cohortId())).toList());
        m.put("from", shown.from());
        m.put("to", shown.to());
        m.put("maxMonths", ReportingCohortQuarter.MAX_MONTHS);
        CohortQuarter r = shown.report();
        m.put("report", r == null ? null : model(r));
        if (r != null) {
            String query = "?cohort=" + r.cohortId() + "&from=" + enc(r.first().toString()) + "&to=" + enc(r.last().toString());
            m.put("pdf", "/console/reports/report.pdf" + query);
            m.put("csv", "/console/reports/report.csv" + query);
        }
        HttpStatus status = errors.isEmpty() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY;
        return pages.render(request, status, "report/reports", SECTION, m);
    }

    private static Map<String, Object> model(CohortQuarter r) {
        Map<String, Object> m = new HashMap<>();
        m.put("cohortName", r.cohortName());
        m.put("period", UkTime.month(r.first()) + " to " + UkTime.month(r.last()));
        m.put("generatedAt", UkTime.dateTime(r.generatedAt()));
        ReportingCohortQuarter.Engagement e = r.engagement();
        m.put("engagement", List.of(
                row("Participants on the scheme (active or on leave)", e.participants()),
                row("On leave (paused)", e.paused()),
                row("Left the scheme", e.left()),
                row("Reached in Teams", e.reachable()),
                row("Cannot be reached in Teams", e.unreachable()),
                row("Reflections logged in the period", r.reflections()),
                row("Reflective prompts sent in the period", e.promptsSent()),
                row("Prompts followed by an entry within 7 days", e.promptsAnswered()),
                row("Prompt response rate", e.promptResponsePercent().map(p -> p + "%").orElse("no prompts sent"))));
        m.put("streams", r.byStream().stream().map(st -> Map.of("label", st.stream().equals("none") ? "No stream" : "Stream " + st.stream(),
                "participants", st.participants(), "met", st.meetingsHeld(), "missed", st.meetingsMissed(),
                "reflections", st.reflections(), "prompts", st.promptsAnswered() + " of " + st.promptsSent())).toList());
        m.put("hasPeople", e.participants() > 0 || e.left() > 0);
        m.put("hasMeetings", r.hasMeetings());
        m.put("hasReflections", r.hasReflections());
        m.put("months", r.months().stream().map(x -> Map.of("label", UkTime.month(x.month()), "met", x.met(),
                "booked", x.booked(), "missed", x.missed(), "skipped", x.skipped(), "reflections", x.reflections(),
                "share", x.shareMetPercent().map(p -> p + "%").orElse("–"))).toList());
        m.put("totals", Map.of("met", r.met(), "booked", r.booked(), "missed", r.missed(), "skipped", r.skipped(),
                "share", r.shareMetPercent().map(p -> p + "%").orElse("–"), "reflections", r.reflections()));
        CountingPlacements.Counts n = r.nineBox();
        Map<String, Object> nine = new HashMap<>();
        nine.put("cycle", n.cycle());
        nine.put("cycles", String.join(" and ", n.cyclesInPeriod()));
        nine.put("gridVersion", n.gridVersion());
        nine.put("columns", n.performanceColumns());
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < n.potentialRows().size(); i++) {
            List<CountingPlacements.Box> boxes = n.boxes().subList(i * 3, i * 3 + 3);
            rows.add(Map.of("label", n.potentialRows().get(i), "boxes", boxes));
        }
        nine.put("rows", rows);
        nine.put("stages", List.of(row("In preparation", n.preparing()), row("Agreed, awaiting moderation", n.agreed()),
                row("Moderated, awaiting feedback", n.moderated()), row("Fed back", n.fedBack()),
                row("All reviews in the cycle", n.reviews())));
        nine.put("placed", n.placed());
        nine.put("reviews", n.reviews());
        m.put("nineBox", nine);
        return m;
    }

    private static Map<String, Object> row(String label, Object value) {
        return Map.of("label", label, "value", String.valueOf(value));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
