package uk.nhs.hps.roster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import uk.nhs.hps.console.ConsolePages;
import uk.nhs.hps.console.SigningIn;
import uk.nhs.hps.console.UkTime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The console's roster import (page 3): upload a CSV file, see every row beside its problems (the import's dry run),
 * import the valid rows after confirming, and the history of imports. The checking and importing run in the
 * background ({@link RunningRosterImports}); the upload's page polls a small progress fragment with htmx.
 */
@Hidden
@Controller("/console/roster")
@ExecuteOn(TaskExecutors.BLOCKING)
class RosterImportConsoleController {

    private static final String SECTION = "roster";
    static final String INTERRUPTED = "Nothing from this file was imported: the service stopped while importing it"
            + " (an import saves everything or nothing). Upload the file again to check it and import it.";

    private final RunningRosterImports imports;
    private final ConsolePages pages;

    RosterImportConsoleController(RunningRosterImports imports, ConsolePages pages) {
        this.imports = imports;
        this.pages = pages;
    }

    @Get
    MutableHttpResponse<String> start(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                      @Nullable @QueryValue String done) {
        return startPage(request, member, HttpStatus.OK, null, "cancelled".equals(done) ? "Cancelled: nothing was imported." : null);
    }

    /** The file (multipart); htmx sends the CSRF token as a header. Bad files come back to the form, nothing kept. */
    @Post(value = "/uploads", consumes = MediaType.MULTIPART_FORM_DATA)
    MutableHttpResponse<String> upload(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                       @Nullable @Part("file") CompletedFileUpload file) {
        if (file == null || file.getFilename() == null || file.getFilename().isBlank()) {
            return startPage(request, member, HttpStatus.UNPROCESSABLE_ENTITY, "Choose the roster CSV file to upload.", null);
        }
        byte[] content;
        try {
            content = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RunningRosterImports.Started started = imports.upload(member.personId(), file.getFilename(), content);
        if (started instanceof RunningRosterImports.Rejected rejected) {
            return startPage(request, member, HttpStatus.UNPROCESSABLE_ENTITY, rejected.message(), null);
        }
        return goTo(request, "/console/roster/uploads/" + ((RunningRosterImports.Accepted) started).uploadId());
    }

    @Get("/uploads/{id}")
    MutableHttpResponse<String> upload(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                       long id, @Nullable @QueryValue String show) {
        Optional<RunningRosterImports.View> view = imports.view(member.personId(), id);
        if (view.isEmpty()) {
            return notFound(request);
        }
        return pages.page(request, "roster/upload", SECTION, model(view.get(), "problems".equals(show)));
    }

    /** The progress bar alone, polled by htmx; once the work is done it asks htmx to reload the whole page. */
    @Get("/uploads/{id}/progress")
    MutableHttpResponse<String> progress(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                         long id) {
        Optional<RunningRosterImports.View> view = imports.view(member.personId(), id);
        if (view.isEmpty()) {
            return notFound(request);
        }
        MutableHttpResponse<String> response = pages.page(request, "roster/progress", SECTION, model(view.get(), false));
        return running(view.get()) ? response : response.header("HX-Refresh", "true");
    }

    @Get("/uploads/{id}/confirm")
    MutableHttpResponse<String> confirm(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                        long id) {
        Optional<RunningRosterImports.View> view = imports.view(member.personId(), id);
        if (view.isEmpty()) {
            return notFound(request);
        }
        if (view.get().stage() != RunningRosterImports.Stage.CHECKED || view.get().checked().report().validRows() == 0) {
            return redirect("/console/roster/uploads/" + id);
        }
        return pages.page(request, "roster/confirm", SECTION, model(view.get(), false));
    }

    @Post(value = "/uploads/{id}/import", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> importValidRows(@RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member, long id) {
        imports.importValidRows(member.personId(), id);
        // whoever pressed first imports; every press, the first or a double click, is shown the one import's page
        return redirect("/console/roster/uploads/" + id);
    }

    @Post(value = "/uploads/{id}/cancel", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> cancel(@RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member, long id) {
        imports.cancel(member.personId(), id);
        return redirect("/console/roster?done=cancelled");
    }

    private MutableHttpResponse<String> startPage(HttpRequest<?> request, SigningIn.Member member, HttpStatus status,
                                                  @Nullable String error, @Nullable String done) {
        Map<String, Object> m = new HashMap<>();
        m.put("error", error);
        m.put("done", done);
        m.put("history", imports.history(member.personId()).stream().map(h -> Map.of("at", UkTime.dateTime(h.at()),
                "who", h.who(), "what", h.what())).toList());
        m.put("columns", String.join(", ", RosterCsv.COLUMNS));
        return pages.render(request, status, "roster/import", SECTION, m);
    }

    private static boolean running(RunningRosterImports.View view) {
        return view.stage() == RunningRosterImports.Stage.CHECKING || view.stage() == RunningRosterImports.Stage.IMPORTING;
    }

    private static Map<String, Object> model(RunningRosterImports.View v, boolean onlyProblems) {
        Map<String, Object> m = new HashMap<>();
        RosterUpload u = v.upload();
        m.put("id", u.id());
        m.put("fileName", u.fileName() == null ? "roster.csv" : u.fileName());
        m.put("uploadedAt", UkTime.dateTime(u.uploadedAt()));
        m.put("stage", v.stage().name());
        m.put("running", running(v));
        m.put("done", v.done());
        m.put("total", v.total());
        m.put("progressLabel", progressLabel(v));
        m.put("status", u.status().name());
        m.put("onlyProblems", onlyProblems);
        ImportingRoster.Checked checked = v.checked();
        if (checked != null) {
            ImportReport r = checked.report();
            m.put("rows", r.rows());
            m.put("validRows", r.validRows());
            m.put("problemCount", r.problems().size());
            m.put("summary", r.summary());
            m.put("changes", List.of(
                    count(r.created(), "new participant", "new participants"),
                    count(r.updated(), "participant updated", "participants updated"),
                    count(r.unchanged(), "participant unchanged", "participants unchanged"),
                    count(r.sponsorChanges(), "sponsor change", "sponsor changes"),
                    count(r.coachChanges(), "coach change", "coach changes"),
                    count(r.sponsorsAdded(), "sponsor added to the roster", "sponsors added to the roster"),
                    count(r.coachesAdded(), "coach added to the roster", "coaches added to the roster")));
            Map<Long, String> problems = new HashMap<>();
            r.problems().forEach(p -> problems.put(p.line(), p.reason()));
            m.put("table", checked.rows().stream()
                    .filter(row -> !onlyProblems || problems.containsKey(row.line()))
                    .map(row -> {
                        Map<String, Object> t = new HashMap<>();
                        t.put("line", row.line());
                        t.put("email", row.email() == null ? "" : row.email());
                        t.put("name", row.name() == null ? "" : row.name());
                        t.put("cohort", row.cohort() == null ? "" : row.cohort());
                        t.put("sponsor", row.sponsorEmail() == null ? "" : row.sponsorEmail());
                        t.put("problem", problems.get(row.line()));
                        return t;
                    }).toList());
        }
        ImportingUploadedRoster.Decided d = v.decided();
        if (d == null && RosterUpload.Status.FAILED.equals(u.status()) && ImportingUploadedRoster.INTERRUPTED.equals(u.failure())) {
            // recovered after the service importing it stopped (this server or another)
            d = new ImportingUploadedRoster.Interrupted();
        }
        m.put("outcome", d == null ? null : outcome(d));
        m.put("imported", d instanceof ImportingUploadedRoster.Imported);
        if (d instanceof ImportingUploadedRoster.Imported imported) {
            m.put("importedSummary", imported.report().summary());
        }
        return m;
    }

    private static String progressLabel(RunningRosterImports.View v) {
        String counts = String.format(Locale.UK, "%,d of %,d", v.done(), v.total());
        if (v.stage() == RunningRosterImports.Stage.CHECKING) {
            return v.total() == 0 ? "Reading the file…" : "Checking rows: " + counts;
        }
        if (v.stage() == RunningRosterImports.Stage.IMPORTING) {
            if (v.total() == 0) {
                return "Importing…";
            }
            return v.step() == ImportingRoster.Progress.Stage.CHECKING ? "Checking rows again before writing: " + counts
                    : "Saving people: " + counts;
        }
        return "";
    }

    private static String count(int n, String one, String many) {
        return String.format(Locale.UK, "%,d %s", n, n == 1 ? one : many);
    }

    private static String outcome(ImportingUploadedRoster.Decided d) {
        if (d instanceof ImportingUploadedRoster.Imported imported) {
            return "Imported " + imported.report().validRows() + " valid row(s).";
        }
        if (d instanceof ImportingUploadedRoster.Malformed malformed) {
            return malformed.message();
        }
        if (d instanceof ImportingUploadedRoster.Busy busy) {
            return busy.message();
        }
        if (d instanceof ImportingUploadedRoster.ChangedSinceCheck changed) {
            return "Nothing was imported: the roster changed since the check and " + changed.problems()
                    + " row(s) now have problems. Upload the file again for a fresh check.";
        }
        if (d instanceof ImportingUploadedRoster.Interrupted) {
            return INTERRUPTED;
        }
        if (d instanceof ImportingUploadedRoster.Expired) {
            return "This file was uploaded more than a day ago, so it was not imported. Upload it again.";
        }
        return "This upload is already finished or cancelled.";
    }

    private MutableHttpResponse<String> notFound(HttpRequest<?> request) {
        return pages.render(request, HttpStatus.NOT_FOUND, "roster/not-found", SECTION,
                Map.of("why", "There is no such upload of yours. An upload is shown only to the person who uploaded it.",
                        "back", "/console/roster", "backText", "Go to roster import"));
    }

    /** htmx follows HX-Redirect with a full page load; a plain form follows the 303. */
    private static MutableHttpResponse<String> goTo(HttpRequest<?> request, String path) {
        if (request.getHeaders().contains("HX-Request")) {
            return HttpResponse.<String>ok().header("HX-Redirect", path);
        }
        return redirect(path);
    }

    private static MutableHttpResponse<String> redirect(String path) {
        return HttpResponse.<String>seeOther(URI.create(path));
    }
}
