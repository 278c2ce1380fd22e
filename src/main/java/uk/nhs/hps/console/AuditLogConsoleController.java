package uk.nhs.hps.console;

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
import uk.nhs.hps.privacy.ReadingAuditLog;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The audit log for the programme team (issue 16, page 4): filter by who acted, what, whose data and when (UK dates),
 * 50 lines a page, and the filtered lines as CSV. Authorised as {@code GET /admin/api/audit}; in the console package
 * for the same reason as {@link PrivacyConsoleController}.
 */
@Hidden
@Controller("/console/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
class AuditLogConsoleController {

    private static final String SECTION = "audit";

    private final ReadingAuditLog reading;
    private final ConsolePages pages;

    AuditLogConsoleController(ReadingAuditLog reading, ConsolePages pages) {
        this.reading = reading;
        this.pages = pages;
    }

    @Get
    MutableHttpResponse<String> log(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                    @Nullable @QueryValue String who, @Nullable @QueryValue String action,
                                    @Nullable @QueryValue String whose, @Nullable @QueryValue String from,
                                    @Nullable @QueryValue String to, @Nullable @QueryValue String page) {
        ReadingAuditLog.Found found = reading.read(member.personId(), query(who, action, whose, from, to, page));
        Map<String, Object> m = new HashMap<>();
        Map<String, String> form = typed(who, action, whose, from, to);
        m.put("form", form);
        m.put("errors", found.errors());
        m.put("actions", found.actions());
        m.put("total", found.total());
        m.put("page", found.page());
        m.put("pages", found.pages());
        m.put("filtered", form.values().stream().anyMatch(v -> !v.isBlank()));
        m.put("lines", found.lines().stream().map(l -> {
            Map<String, Object> row = new HashMap<>();
            row.put("id", l.id());
            row.put("at", UkTime.dateTime(l.at()));
            row.put("actor", l.actor());
            row.put("actorName", l.actorName());
            row.put("actorId", l.actor().startsWith("person:") ? l.actor().substring("person:".length()) : null);
            row.put("action", l.action());
            row.put("subjectId", l.subjectId());
            row.put("subjectName", l.subjectName());
            row.put("detail", l.detail() == null ? "" : l.detail());
            return row;
        }).toList());
        String query = queryString(form);
        m.put("csv", "/console/audit/export.csv" + (query.isEmpty() ? "" : "?" + query));
        String prefix = "/console/audit?" + (query.isEmpty() ? "" : query + "&") + "page=";
        m.put("previous", found.page() > 1 ? prefix + (found.page() - 1) : null);
        m.put("next", found.page() < found.pages() ? prefix + (found.page() + 1) : null);
        m.put("csvLimit", ReadingAuditLog.CSV_LIMIT);
        return pages.render(request, found.errors().isEmpty() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY,
                "privacy/audit", SECTION, m);
    }

    @Get("/export.csv")
    MutableHttpResponse<String> csv(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                    @Nullable @QueryValue String who, @Nullable @QueryValue String action,
                                    @Nullable @QueryValue String whose, @Nullable @QueryValue String from,
                                    @Nullable @QueryValue String to) {
        Optional<String> csv = reading.csv(member.personId(), query(who, action, whose, from, to, null));
        if (csv.isEmpty()) {
            // the page says what is wrong with the filter
            return log(request, member, who, action, whose, from, to, null);
        }
        return ConsolePages.secured(HttpResponse.ok(csv.get()))
                .contentType("text/csv;charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
    }

    private static ReadingAuditLog.Query query(@Nullable String who, @Nullable String action, @Nullable String whose,
                                               @Nullable String from, @Nullable String to, @Nullable String page) {
        int number = 1;
        try {
            number = page == null || page.isBlank() ? 1 : Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            number = 1;
        }
        return new ReadingAuditLog.Query(who, action, whose, from, to, number);
    }

    private static Map<String, String> typed(@Nullable String who, @Nullable String action, @Nullable String whose,
                                             @Nullable String from, @Nullable String to) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("who", who == null ? "" : who);
        m.put("action", action == null ? "" : action);
        m.put("whose", whose == null ? "" : whose);
        m.put("from", from == null ? "" : from);
        m.put("to", to == null ? "" : to);
        return m;
    }

    private static String queryString(Map<String, String> form) {
        StringBuilder q = new StringBuilder();
        form.forEach((k, v) -> {
            if (!v.isBlank()) {
                q.append(q.isEmpty() ? "" : "&").append(k).append('=').append(URLEncoder.encode(v.strip(), StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }
}
