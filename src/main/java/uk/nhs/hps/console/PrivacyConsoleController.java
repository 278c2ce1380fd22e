package uk.nhs.hps.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import uk.nhs.hps.access.Conflict;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.privacy.ErasingPerson;
import uk.nhs.hps.privacy.ErasureReport;
import uk.nhs.hps.privacy.ExportingPersonalData;
import uk.nhs.hps.privacy.ShowingRetention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's privacy pages (issue 16, page 4): what is kept how long; for one person, the subject access export
 * (the admin API's and {@code my data}'s document, authorised and audited as the API's) and erasure after a typed
 * confirmation, with the report of what was removed. Here rather than in {@code privacy/} because the console's own
 * data is erased through {@code privacy}'s eraser interface, so {@code privacy} cannot depend on the console.
 */
@Hidden
@Controller("/console/privacy")
@ExecuteOn(TaskExecutors.BLOCKING)
class PrivacyConsoleController {

    private static final String SECTION = "privacy";
    private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED;
    private static final int MAX_WHY = 200;

    private final ShowingRetention retention;
    private final ExportingPersonalData exporting;
    private final ErasingPerson erasing;
    private final ConsolePages pages;
    private final JsonMapper json;

    PrivacyConsoleController(ShowingRetention retention, ExportingPersonalData exporting, ErasingPerson erasing,
                             ConsolePages pages, JsonMapper json) {
        this.retention = retention;
        this.exporting = exporting;
        this.erasing = erasing;
        this.pages = pages;
        this.json = json;
    }

    @Get
    MutableHttpResponse<String> index(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member) {
        ShowingRetention.Retention r = retention.show(member.personId());
        Map<String, Object> m = new HashMap<>();
        m.put("afterCohortEnd", ShowingRetention.inWords(r.afterCohortEnd()));
        m.put("linkValidity", ShowingRetention.inWords(r.linkValidity()));
        m.put("cohorts", r.cohorts().stream().map(c -> Map.of("name", c.name(), "endsOn", UkTime.date(c.endsOn()),
                "anonymiseFrom", UkTime.date(c.anonymiseFrom()), "due", c.due())).toList());
        return pages.page(request, "privacy/index", SECTION, m);
    }

    @Get("/people/{id}")
    MutableHttpResponse<String> person(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                       long id) {
        return personPage(request, member, id, HttpStatus.OK, "privacy/person", Map.of(), Map.of());
    }

    /** The subject access export as a JSON download: a READ of their data and an export in the audit log, as the API's. */
    @Post(value = "/people/{id}/export", consumes = FORM)
    MutableHttpResponse<?> export(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                  long id, @Nullable String why) {
        String reason = why == null || why.isBlank() ? "console: subject access export" : why.strip();
        if (reason.length() > MAX_WHY) {
            return personPage(request, member, id, HttpStatus.UNPROCESSABLE_ENTITY, "privacy/person",
                    Map.of("why", "The reason must be " + MAX_WHY + " characters or fewer."), Map.of("why", why));
        }
        Map<String, Object> document;
        try {
            document = exporting.exportFor(member.personId(), id, reason);
        } catch (NotFound e) {
            return notFound(request, e);
        }
        try {
            return ConsolePages.secured(HttpResponse.ok(json.writeValueAsString(document)))
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"person-" + id + ".json\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get("/people/{id}/erase")
    MutableHttpResponse<String> eraseForm(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                          long id) {
        return personPage(request, member, id, HttpStatus.OK, "privacy/erase", Map.of(), Map.of());
    }

    @Post(value = "/people/{id}/erase", consumes = FORM)
    MutableHttpResponse<String> erase(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                      long id, @Nullable String confirmName, @Nullable String reason) {
        Map<String, String> typed = new HashMap<>();
        typed.put("confirmName", confirmName == null ? "" : confirmName);
        typed.put("reason", reason == null ? "" : reason);
        ErasingPerson.Outcome outcome;
        try {
            outcome = erasing.eraseConfirmed(member.personId(), id, confirmName, reason);
        } catch (NotFound e) {
            return notFound(request, e);
        } catch (Conflict e) {
            return personPage(request, member, id, HttpStatus.CONFLICT, "privacy/erase", Map.of("confirmName", e.getMessage()), typed);
        }
        if (outcome instanceof ErasingPerson.NotConfirmed refused) {
            return personPage(request, member, id, HttpStatus.UNPROCESSABLE_ENTITY, "privacy/erase", refused.errors(), typed);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("id", id);
        if (outcome instanceof ErasingPerson.AlreadyErased already) {
            m.put("already", true);
            m.put("erasedAt", UkTime.dateTime(already.erasedAt()));
            return pages.page(request, "privacy/erased", SECTION, m);
        }
        ErasingPerson.Erased erased = (ErasingPerson.Erased) outcome;
        ErasureReport report = erased.report();
        m.put("already", false);
        m.put("name", erased.name());
        m.put("rows", rows(report.rowsChanged()));
        m.put("unhandled", report.unhandled());
        return pages.page(request, "privacy/erased", SECTION, m);
    }

    private MutableHttpResponse<String> personPage(HttpRequest<?> request, SigningIn.Member member, long id, HttpStatus status,
                                                   String view, Map<String, String> errors, Map<String, String> typed) {
        ErasingPerson.Preview preview;
        try {
            preview = erasing.preview(member.personId(), id);
        } catch (NotFound e) {
            return notFound(request, e);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("id", id);
        m.put("name", preview.name());
        m.put("email", preview.email());
        m.put("erasedAt", preview.erasedAt() == null ? null : UkTime.dateTime(preview.erasedAt()));
        m.put("rows", rows(preview.rows()));
        m.put("errors", errors);
        m.put("form", typed);
        return pages.render(request, status, view, SECTION, m);
    }

    private MutableHttpResponse<String> notFound(HttpRequest<?> request, NotFound e) {
        return pages.render(request, HttpStatus.NOT_FOUND, "roster/not-found", SECTION,
                Map.of("why", e.getMessage(), "back", "/console/people", "backText", "Find a person"));
    }

    /** Tables with rows, in plain words ("meeting month"), as the pages list them. */
    private static List<Map<String, Object>> rows(Map<String, Integer> byTable) {
        return byTable.entrySet().stream().filter(e -> e.getValue() != null && e.getValue() > 0)
                .map(e -> Map.<String, Object>of("table", e.getKey().replace('_', ' '), "rows", e.getValue())).toList();
    }
}
