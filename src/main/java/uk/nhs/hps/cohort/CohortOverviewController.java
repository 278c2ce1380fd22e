package uk.nhs.hps.cohort;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
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

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The console's landing page: one cohort at a glance (GET /console?cohort=ID). */
@Hidden
@Controller("/console")
@ExecuteOn(TaskExecutors.BLOCKING)
class CohortOverviewController {

    private final ShowingCohortOverview overviews;
    private final ConsolePages pages;

    CohortOverviewController(ShowingCohortOverview overviews, ConsolePages pages) {
        this.overviews = overviews;
        this.pages = pages;
    }

    @Get
    MutableHttpResponse<String> overview(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                         @Nullable @QueryValue String cohort) {
        Long cohortId;
        try {
            cohortId = cohort == null || cohort.isBlank() ? null : Long.valueOf(cohort.strip());
        } catch (NumberFormatException e) {
            return pages.render(request, HttpStatus.NOT_FOUND, "console/refused", "overview",
                    Map.of("why", "There is no cohort “" + cohort + "”."));
        }
        Optional<ShowingCohortOverview.Overview> overview;
        try {
            overview = overviews.overview(member.personId(), cohortId);
        } catch (NotFound e) {
            return pages.render(request, HttpStatus.NOT_FOUND, "console/refused", "overview", Map.of("why", e.getMessage()));
        }
        if (overview.isEmpty()) {
            return pages.page(request, "cohort/no-cohorts", "overview", Map.of());
        }
        return pages.page(request, "cohort/overview", "overview", model(overview.get()));
    }

    private static Map<String, Object> model(ShowingCohortOverview.Overview o) {
        Map<String, Object> m = new HashMap<>();
        m.put("cohort", Map.of("id", o.cohort().id(), "name", o.cohort().name(),
                "dates", UkTime.date(o.cohort().startsOn()) + " to " + UkTime.date(o.cohort().endsOn())));
        m.put("cohorts", o.cohorts().stream().map(c -> Map.of("id", c.id(), "name", c.name(),
                "selected", c.id() == o.cohort().id())).toList());
        m.put("participants", o.participants());
        m.put("paused", o.paused());
        m.put("left", o.left());
        m.put("sponsors", o.sponsors());
        m.put("unreachableCount", o.unreachableCount());
        m.put("unreachableShown", o.unreachable().size());
        m.put("unreachable", o.unreachable().stream().map(u -> {
            Map<String, Object> row = new HashMap<>();
            row.put("id", u.personId());
            row.put("name", u.displayName());
            row.put("role", u.role().replace('_', ' ').toLowerCase(Locale.UK));
            row.put("why", u.why());
            row.put("since", u.since() == null ? "" : UkTime.dateTime(u.since()));
            return row;
        }).toList());
        m.put("months", o.months().stream().map(x -> Map.of("label", UkTime.month(x.month()), "met", x.met(),
                "booked", x.booked(), "missed", x.missed(), "skipped", x.skipped(), "reflections", x.reflections())).toList());
        m.put("period", o.months().isEmpty() ? "" : UkTime.month(o.months().get(0).month()) + " to "
                + UkTime.month(o.months().get(o.months().size() - 1).month()));
        m.put("meetingsChart", chart(o.months(), List.of(
                series("Held", "#007f3b", o.months().stream().map(ShowingCohortOverview.Month::met).toList()),
                series("Booked", "#005eb8", o.months().stream().map(ShowingCohortOverview.Month::booked).toList()),
                series("Missed", "#d5281b", o.months().stream().map(ShowingCohortOverview.Month::missed).toList()))));
        m.put("reflectionsChart", chart(o.months(), List.of(
                series("Reflections logged", "#330072", o.months().stream().map(ShowingCohortOverview.Month::reflections).toList()))));
        m.put("promptsSent", o.promptsSent());
        m.put("promptsAnswered", o.promptsAnswered());
        m.put("promptPercent", o.promptResponsePercent().map(p -> p + "%").orElse("No prompts sent yet"));
        m.put("promptDays", ShowingCohortOverview.PROMPT_ANSWER_DAYS);
        m.put("promptRateDays", ShowingCohortOverview.PROMPT_RATE_DAYS);
        m.put("readAt", UkTime.dateTime(o.readAt()));
        m.put("updating", o.updating());
        m.put("ticketsWaiting", o.ticketsWaiting());
        m.put("ticketsWaitingInCohort", o.ticketsWaitingInCohort());
        m.put("oldestTicket", o.oldestTicketSince() == null ? null : UkTime.dateTime(o.oldestTicketSince()));
        m.put("next", o.nextAnnouncement().map(a -> Map.of("title", a.title(), "at", UkTime.dateTime(a.sendAt()), "id", a.id()))
                .orElse(null));
        return m;
    }

    private record Series(String label, String colour, List<Integer> values) {
    }

    private static Series series(String label, String colour, List<Integer> values) {
        return new Series(label, colour, values);
    }

    /** The chart's data as JSON for console.js (in a data- attribute, so the page needs no inline script). */
    private static String chart(List<ShowingCohortOverview.Month> months, List<Series> series) {
        String labels = months.stream().map(x -> quote(UkTime.shortMonth(x.month()))).collect(Collectors.joining(","));
        String sets = series.stream().map(s -> "{\"label\":" + quote(s.label()) + ",\"colour\":" + quote(s.colour())
                + ",\"values\":[" + s.values().stream().map(String::valueOf).collect(Collectors.joining(",")) + "]}")
                .collect(Collectors.joining(","));
        return "{\"labels\":[" + labels + "],\"series\":[" + sets + "]}";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
