package uk.nhs.hps.roster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.admin.AdminGate;
import uk.nhs.hps.admin.AdminPrincipal;
import uk.nhs.hps.admin.AdminProblem;

import java.util.Locale;

@Tag(name = "Roster")
@Controller("/admin/api/roster")
@ExecuteOn(TaskExecutors.BLOCKING)
class RosterImportController {

    private final ImportingRoster importing;
    private final ExportingRoster exporting;
    private final RosterSettings settings;
    private final AdminGate gate;

    RosterImportController(ImportingRoster importing, ExportingRoster exporting, RosterSettings settings, AdminGate gate) {
        this.importing = importing;
        this.exporting = exporting;
        this.settings = settings;
        this.gate = gate;
    }

    /**
     * Imports a roster CSV (the request body). {@code mode}: dry-run (default: validate and report, write
     * nothing), commit (write only if every row is valid), commit-valid-rows (write the valid rows).
     */
    @Post(value = "/import", consumes = {"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    HttpResponse<?> importRoster(@Body byte[] csv, @QueryValue(defaultValue = "dry-run") String mode,
                                 @Header(AdminGate.REASON_HEADER) @Nullable String reason,
                                 @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_ROSTER, null, "roster import");
        if (csv.length > settings.importMaxBytes()) {
            return HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                    .body(new AdminProblem("The file is larger than " + settings.importMaxBytes() + " bytes. Nothing was imported."));
        }
        ImportReport report = importing.importCsv(csv, mode(mode), admin.actor(), AdminGate.why(reason, "admin API import"));
        return HttpResponse.ok(report);
    }

    /** The current roster in the import format; cells that look like formulas are neutralised. */
    @Get(value = "/export.csv", produces = "text/csv")
    HttpResponse<String> export(@Header(AdminGate.REASON_HEADER) @Nullable String reason,
                                @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_ROSTER, null, "roster export");
        return HttpResponse.ok(exporting.csv(admin.actor(), AdminGate.why(reason, "admin API roster export")))
                .header("Content-Disposition", "attachment; filename=\"roster.csv\"")
                .header("Cache-Control", "no-store");
    }

    static ImportMode mode(String mode) {
        return switch (mode.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "dry-run", "dryrun" -> ImportMode.DRY_RUN;
            case "commit" -> ImportMode.COMMIT;
            case "commit-valid-rows", "valid-rows" -> ImportMode.COMMIT_VALID_ROWS;
            default -> throw new InvalidRequest("mode must be dry-run, commit or commit-valid-rows.");
        };
    }
}
