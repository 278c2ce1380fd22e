package uk.nhs.hps.meeting;

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
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.console.ConsolePages;
import uk.nhs.hps.console.SigningIn;
import uk.nhs.hps.console.UkTime;
import uk.nhs.hps.csv.CsvCells;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The console's Meetings and engagement page (issue 16, page 3): a cohort's sponsor pairs month by month, the monthly
 * escalation digest and each participant's prompt and reflection counts, filtered by a GET form (so the filter is in
 * the URL and works without JavaScript), and the same pairs as CSV. Everything is read through {@link ReportingMeetings}.
 */
@Hidden
@Controller("/console/meetings")
@ExecuteOn(TaskExecutors.BLOCKING)
class MeetingsConsoleController {

    private static final String SECTION = "meetings";

    private final ReportingMeetings reporting;
    private final ConsolePages pages;

    MeetingsConsoleController(ReportingMeetings reporting, ConsolePages pages) {
        this.reporting = reporting;
        this.pages = pages;
    }

    @Get
    MutableHttpResponse<String> page(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                     @Nullable @QueryValue String cohort, @Nullable @QueryValue String from,
                                     @Nullable @QueryValue String to, @Nullable @QueryValue String stream,
                                     @Nullable @QueryValue String organisation, @Nullable @QueryValue String q,
                                     @Nullable @QueryValue String missed, @Nullable @QueryValue String digest,
                                     @Nullable @QueryValue String page) {
        Map<String, String> form = form(cohort, from, to, stream, organisation, q, missed, digest);
        Optional<ReportingMeetings.Query> query = query(form, page);
        if (query.isEmpty()) {
            return notFound(request, cohort);
        }
        ReportingMeetings.Report report;
        try {
            report = reporting.report(member.personId(), query.get());
        } catch (NotFound e) {
            return pages.render(request, HttpStatus.NOT_FOUND, "console/refused", SECTION, Map.of("why", e.getMessage()
                    + " Choose a cohort from the list on the Meetings page."));
        }
        Map<String, Object> m = model(report, form);
        return pages.render(request, report.errors().isEmpty() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY,
                "meeting/meetings", SECTION, m);
    }

    @Get("/export.csv")
    MutableHttpResponse<String> csv(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                    @Nullable @QueryValue String cohort, @Nullable @QueryValue String from,
                                    @Nullable @QueryValue String to, @Nullable @QueryValue String stream,
                                    @Nullable @QueryValue String organisation, @Nullable @QueryValue String q,
                                    @Nullable @QueryValue String missed, @Nullable @QueryValue String digest) {
        Map<String, String> form = form(cohort, from, to, stream, organisation, q, missed, digest);
        Optional<ReportingMeetings.Query> query = query(form, null);
        if (query.isEmpty()) {
            return notFound(request, cohort);
        }
        Optional<ReportingMeetings.Export> export;
        try {
            export = reporting.export(member.personId(), query.get());
        } catch (NotFound e) {
            return pages.render(request, HttpStatus.NOT_FOUND, "console/refused", SECTION, Map.of("why", e.getMessage()));
        }
        if (export.isEmpty()) {
            // the page says what is wrong with the filter (or that there is no cohort yet)
            return page(request, member, cohort, from, to, stream, organisation, q, missed, digest, null);
        }
        ReportingMeetings.Export e = export.get();
        String name = "meetings-" + e.cohort().name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "") + ".csv";
        return HttpResponse.ok(csv(e))
                .contentType("text/csv;charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff");
    }

    /** One line per pair: who, the months (what the page shows in each), the pair's totals and the participant's engagement. */
    private static String csv(ReportingMeetings.Export e) {
        List<String> header = new ArrayList<>(List.of("participant", "sponsor", "organisation", "stream", "paired_from",
                "paired_until"));
        e.months().forEach(m -> header.add(UkTime.month(m)));
        header.addAll(List.of("months_met", "months_booked", "months_missed", "months_skipped", "prompts_sent",
                "prompts_answered_within_" + ReportingMeetings.PROMPT_ANSWER_DAYS + "_days", "reflections_logged"));
        StringBuilder out = new StringBuilder(header.stream().map(MeetingsConsoleController::cell)
                .collect(Collectors.joining(","))).append("\r\n");
        for (ReportingMeetings.Pair p : e.pairs()) {
            ReportingMeetings.Engagement g = e.engagement().get(p.participantId());
            List<String> line = new ArrayList<>(List.of(p.participant(), p.sponsor() == null ? "(erased)" : p.sponsor(),
                    p.organisation() == null ? "" : p.organisation(), p.stream() == null ? "" : String.valueOf(p.stream()),
                    UkTime.date(p.from()), p.until() == null ? "" : UkTime.date(p.until())));
            p.months().forEach(c -> line.add(text(c)));
            line.addAll(List.of(String.valueOf(p.met()), String.valueOf(p.booked()), String.valueOf(p.missed()),
                    String.valueOf(p.skipped()), String.valueOf(g.promptsSent()), String.valueOf(g.promptsAnswered()),
                    String.valueOf(g.reflections())));
            out.append(line.stream().map(MeetingsConsoleController::cell).collect(Collectors.joining(","))).append("\r\n");
        }
        return out.toString();
    }

    /** A month as words: "met on 3 May 2027", "skipped: on leave", "not paired". */
    static String text(ReportingMeetings.Cell c) {
        return switch (c.kind()) {
            case MET -> c.on() == null ? "met" : "met on " + UkTime.date(c.on());
            case BOOKED -> c.on() == null ? "booked" : "booked for " + UkTime.date(c.on());
            case MISSED -> "missed";
            case SKIPPED -> c.reason() == null || c.reason().isBlank() ? "skipped" : "skipped: " + c.reason();
            case SNOOZED -> "nothing recorded (reminder on " + UkTime.date(c.on()) + ")";
            case NOTHING_RECORDED -> "nothing recorded";
            case NOT_PAIRED -> "not paired";
        };
    }

    private Map<String, Object> model(ReportingMeetings.Report r, Map<String, String> form) {
        Map<String, Object> m = new HashMap<>();
        m.put("form", form);
        m.put("errors", r.errors());
        m.put("hasCohorts", !r.cohorts().isEmpty());
        long selected = r.cohort().map(c -> c.id()).orElse(0L);
        m.put("cohorts", r.cohorts().stream().map(c -> Map.of("id", c.id(), "name", c.name(), "selected", c.id() == selected))
                .toList());
        m.put("cohort", r.cohort().map(c -> Map.of("id", c.id(), "name", c.name(), "starts", UkTime.date(c.startsOn()),
                "dates", UkTime.date(c.startsOn()) + " to " + UkTime.date(c.endsOn()))).orElse(null));
        m.put("organisations", r.organisations());
        // OGNL reads a one-letter literal such as '1' or 'q' as a character, so the template compares nothing itself
        m.put("q", form.get("q"));
        m.put("streams", List.of(stream("1", "Stream 1", form), stream("2", "Stream 2", form),
                stream("none", "No stream recorded", form)));
        m.put("lastClosed", r.lastClosedMonth().toString());
        m.put("lastClosedName", UkTime.month(r.lastClosedMonth()));
        m.put("months", r.months().stream().map(x -> Map.of("short", UkTime.shortMonth(x), "full", UkTime.month(x))).toList());
        m.put("period", r.months().isEmpty() ? "" : UkTime.month(r.months().get(0)) + " to "
                + UkTime.month(r.months().get(r.months().size() - 1)));
        m.put("pairs", r.pairs().stream().map(MeetingsConsoleController::pairRow).toList());
        m.put("total", r.totalPairs());
        m.put("cohortPairs", r.cohortPairs());
        m.put("page", r.page());
        m.put("pages", r.pages());
        m.put("pageSize", ReportingMeetings.PAGE_SIZE);
        m.put("engagement", r.engagement().stream().map(g -> Map.of("id", g.participantId(), "name", g.participant(),
                "sent", g.promptsSent(), "answered", g.promptsAnswered(),
                "share", g.promptsSent() == 0 ? "–" : Math.round(100.0 * g.promptsAnswered() / g.promptsSent()) + "%",
                "reflections", g.reflections())).toList());
        m.put("promptDays", ReportingMeetings.PROMPT_ANSWER_DAYS);
        m.put("digest", r.digest() == null ? null : digest(r.digest()));
        m.put("filtered", !form.get("stream").isBlank() || !form.get("organisation").isBlank() || !form.get("q").isBlank()
                || !form.get("missed").isBlank());
        String query = queryString(form, r.cohort().map(c -> String.valueOf(c.id())).orElse(""));
        m.put("csv", "/console/meetings/export.csv?" + query);
        m.put("csvLimit", ReportingMeetings.CSV_LIMIT);
        m.put("clear", "/console/meetings?cohort=" + enc(r.cohort().map(c -> String.valueOf(c.id())).orElse("")));
        m.put("previous", r.page() > 1 ? "/console/meetings?" + query + "&page=" + (r.page() - 1) : null);
        m.put("next", r.page() < r.pages() ? "/console/meetings?" + query + "&page=" + (r.page() + 1) : null);
        return m;
    }

    private static Map<String, Object> stream(String value, String label, Map<String, String> form) {
        return Map.of("value", value, "label", label, "selected", value.equals(form.get("stream")));
    }

    private static Map<String, Object> pairRow(ReportingMeetings.Pair p) {
        Map<String, Object> row = new HashMap<>();
        row.put("participantId", p.participantId());
        row.put("participant", p.participant());
        row.put("sponsorId", p.sponsorId());
        row.put("sponsor", p.sponsor());
        row.put("organisation", p.organisation() == null ? "" : p.organisation());
        row.put("stream", p.stream() == null ? "" : "stream " + p.stream());
        row.put("paired", UkTime.date(p.from()) + (p.until() == null ? " onwards" : " to " + UkTime.date(p.until())));
        row.put("cells", p.months().stream().map(c -> {
            Map<String, Object> cell = new HashMap<>();
            cell.put("month", UkTime.month(c.month()));
            // the class is built here: Thymeleaf reads a double underscore in an attribute as an expression to preprocess
            cell.put("css", "meetings__cell meetings__cell--" + c.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            cell.put("label", switch (c.kind()) {
                case MET -> "Met";
                case BOOKED -> "Booked";
                case MISSED -> "Missed";
                case SKIPPED -> "Skipped";
                case SNOOZED, NOTHING_RECORDED -> "Nothing recorded";
                case NOT_PAIRED -> "Not paired";
            });
            cell.put("detail", switch (c.kind()) {
                case MET, BOOKED -> c.on() == null ? "" : UkTime.date(c.on());
                case SNOOZED -> "reminder " + UkTime.date(c.on());
                case SKIPPED -> c.reason() == null ? "" : c.reason();
                default -> "";
            });
            return cell;
        }).toList());
        row.put("met", p.met());
        row.put("booked", p.booked());
        row.put("missed", p.missed());
        row.put("skipped", p.skipped());
        row.put("hasMissed", p.missed() > 0);
        return row;
    }

    private static Map<String, Object> digest(MeetingDigest.Figures f) {
        Map<String, Object> d = new HashMap<>();
        d.put("month", UkTime.month(f.month()));
        d.put("lines", f.cohorts().stream().map(l -> {
            Map<String, Object> line = new HashMap<>();
            line.put("cohort", l.cohort());
            line.put("met", l.counts().met());
            line.put("skipped", l.counts().skipped());
            line.put("missed", l.counts().missed());
            line.put("awaiting", l.counts().awaitingSnooze());
            line.put("streams", l.byStream().entrySet().stream().map(e -> Map.of("stream", e.getKey(), "met", e.getValue().met(),
                    "skipped", e.getValue().skipped(), "missed", e.getValue().missed(), "awaiting", e.getValue().awaitingSnooze()))
                    .toList());
            return line;
        }).toList());
        d.put("twiceCount", f.missedTwice().size());
        d.put("twice", f.missedTwice().stream().limit(MeetingDigest.MAX_NAMES).map(t -> {
            Map<String, Object> n = new HashMap<>();
            n.put("participantId", t.participantId());
            n.put("participant", t.participant());
            n.put("sponsorId", t.sponsorId());
            n.put("sponsor", t.sponsorErased() ? null : t.sponsor());
            return n;
        }).toList());
        d.put("more", Math.max(0, f.missedTwice().size() - MeetingDigest.MAX_NAMES));
        return d;
    }

    private MutableHttpResponse<String> notFound(HttpRequest<?> request, @Nullable String cohort) {
        return pages.render(request, HttpStatus.NOT_FOUND, "console/refused", SECTION,
                Map.of("why", "There is no cohort “" + cohort + "”. Choose a cohort from the list on the Meetings page."));
    }

    /** The typed filter; empty when the cohort is not a number (there is no such cohort). */
    private static Optional<ReportingMeetings.Query> query(Map<String, String> form, @Nullable String page) {
        Long cohortId;
        try {
            cohortId = form.get("cohort").isBlank() ? null : Long.valueOf(form.get("cohort").strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        int number;
        try {
            number = page == null || page.isBlank() ? 1 : Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            number = 1;
        }
        return Optional.of(new ReportingMeetings.Query(cohortId, form.get("from"), form.get("to"), form.get("stream"),
                form.get("organisation"), form.get("q"), "yes".equals(form.get("missed")), form.get("digest"), number));
    }

    private static Map<String, String> form(@Nullable String cohort, @Nullable String from, @Nullable String to,
                                            @Nullable String stream, @Nullable String organisation, @Nullable String q,
                                            @Nullable String missed, @Nullable String digest) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cohort", cohort == null ? "" : cohort);
        m.put("from", from == null ? "" : from);
        m.put("to", to == null ? "" : to);
        m.put("stream", stream == null ? "" : stream);
        m.put("organisation", organisation == null ? "" : organisation);
        m.put("q", q == null ? "" : q);
        m.put("missed", "yes".equals(missed) ? "yes" : "");
        m.put("digest", digest == null ? "" : digest);
        return m;
    }

    private static String queryString(Map<String, String> form, String cohortId) {
        Map<String, String> q = new LinkedHashMap<>(form);
        q.put("cohort", cohortId);
        return q.entrySet().stream().filter(e -> !e.getValue().isBlank())
                .map(e -> e.getKey() + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String cell(@Nullable String value) {
        String safe = CsvCells.neutralise(value == null ? "" : value);
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
