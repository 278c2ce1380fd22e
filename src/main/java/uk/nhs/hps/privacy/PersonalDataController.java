package uk.nhs.hps.privacy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.admin.AdminGate;
import uk.nhs.hps.admin.AdminPrincipal;

import java.util.Map;

/** A person's rights under UK GDPR through the admin API: subject access export and erasure. */
@Tag(name = "People")
@Controller("/admin/api/people")
@ExecuteOn(TaskExecutors.BLOCKING)
class PersonalDataController {

    private final ExportingPersonalData exporting;
    private final ErasingPerson erasing;
    private final AdminGate gate;

    PersonalDataController(ExportingPersonalData exporting, ErasingPerson erasing, AdminGate gate) {
        this.exporting = exporting;
        this.erasing = erasing;
        this.gate = gate;
    }

    /** Subject access: everything stored about the person, as one JSON document. */
    @Get("/{id}/export")
    HttpResponse<Map<String, Object>> export(long id, @Header(AdminGate.REASON_HEADER) @Nullable String reason,
                                             @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        String why = AdminGate.why(reason, "admin API: subject access export");
        gate.require(admin, Action.EXPORT_PERSONAL_DATA, id, why);
        Map<String, Object> export = exporting.export(id, admin.actor(), why)
                .orElseThrow(() -> new NotFound("No person " + id + "."));
        return HttpResponse.ok(export).header("Content-Disposition", "attachment; filename=\"person-" + id + ".json\"")
                .header("Cache-Control", "no-store");
    }

    /** Erasure: irreversibly anonymises the person across every table. A reason is required. */
    @Post("/{id}/erasure")
    ErasureReport erase(long id, @Body ErasureRequest request,
                        @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        if (request.reason() == null || request.reason().isBlank()) {
            throw new InvalidRequest("An erasure needs a reason (it is kept in the audit log).");
        }
        gate.require(admin, Action.ERASE_PERSONAL_DATA, id, request.reason());
        return erasing.erase(id, admin.actor(), request.reason());
    }

    @Serdeable
    record ErasureRequest(String reason) {
    }
}
