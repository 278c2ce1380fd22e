package uk.nhs.hps.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import uk.nhs.hps.privacy.ErasingPerson;
import uk.nhs.hps.privacy.ErasureReport;
import uk.nhs.hps.privacy.ExportingPersonalData;
import uk.nhs.hps.roster.Action;
import uk.nhs.hps.roster.ChangingSponsor;
import uk.nhs.hps.roster.ChangingStatus;
import uk.nhs.hps.roster.FindingPeople;
import uk.nhs.hps.roster.InvalidRequest;
import uk.nhs.hps.roster.NotFound;

import java.util.List;
import java.util.Map;

@Tag(name = "People")
@Controller("/admin/api/people")
@ExecuteOn(TaskExecutors.BLOCKING)
class PeopleController {

    static final String REASON_HEADER = "X-Audit-Reason";

    private final FindingPeople finding;
    private final ChangingStatus changingStatus;
    private final ChangingSponsor changingSponsor;
    private final ExportingPersonalData exporting;
    private final ErasingPerson erasing;
    private final AdminGate gate;

    PeopleController(FindingPeople finding, ChangingStatus changingStatus, ChangingSponsor changingSponsor,
                     ExportingPersonalData exporting, ErasingPerson erasing, AdminGate gate) {
        this.finding = finding;
        this.changingStatus = changingStatus;
        this.changingSponsor = changingSponsor;
        this.exporting = exporting;
        this.erasing = erasing;
        this.gate = gate;
    }

    /** Lists or searches people by name or e-mail, optionally within a cohort. */
    @Get
    List<AdminViews.PersonView> search(@QueryValue @Nullable String q, @QueryValue @Nullable Long cohortId,
                                       @QueryValue(defaultValue = "50") int limit, @QueryValue(defaultValue = "0") int offset,
                                       @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_ROSTER, null, "search people");
        return finding.search(q, cohortId, limit, offset).stream().map(AdminViews.PersonView::of).toList();
    }

    @Get("/{id}")
    AdminViews.PersonView get(long id, @Header(REASON_HEADER) @Nullable String reason,
                              @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_PROFILE, id, AdminGate.why(reason, "admin API: read profile"));
        return AdminViews.PersonView.of(finding.get(id));
    }

    @Put("/{id}/status")
    AdminViews.PersonView changeStatus(long id, @Body AdminViews.StatusRequest request,
                                       @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.CHANGE_STATUS, id, "change status");
        return AdminViews.PersonView.of(changingStatus.change(id, request.status(), request.reason(), request.since(),
                request.until(), admin.actor()));
    }

    @Get("/{id}/sponsorships")
    List<AdminViews.SponsorshipView> sponsorships(long id, @Header(REASON_HEADER) @Nullable String reason,
                                                  @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_PROFILE, id, AdminGate.why(reason, "admin API: read sponsorship history"));
        return changingSponsor.history(id).stream().map(AdminViews.SponsorshipView::of).toList();
    }

    /** Gives the participant a new sponsor; the current sponsorship ends the day the new one starts. */
    @Post("/{id}/sponsorships")
    HttpResponse<AdminViews.SponsorshipView> changeSponsor(long id, @Body AdminViews.SponsorshipRequest request,
                                                           @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_ROSTER, null, "change sponsor");
        return HttpResponse.created(AdminViews.SponsorshipView.of(
                changingSponsor.change(id, request.sponsorId(), request.startsOn(), admin.actor(), request.reason())));
    }

    /** Subject access: everything stored about the person, as one JSON document. */
    @Get("/{id}/export")
    HttpResponse<Map<String, Object>> export(long id, @Header(REASON_HEADER) @Nullable String reason,
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
    ErasureReport erase(long id, @Body AdminViews.ErasureRequest request,
                        @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        if (request.reason() == null || request.reason().isBlank()) {
            throw new InvalidRequest("An erasure needs a reason (it is kept in the audit log).");
        }
        gate.require(admin, Action.ERASE_PERSONAL_DATA, id, request.reason());
        finding.get(id);
        return erasing.erase(id, admin.actor(), request.reason());
    }
}
