package uk.nhs.hps.talent;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.admin.AdminGate;
import uk.nhs.hps.admin.AdminPrincipal;

/** 9-box reports for the programme team: placements and status per cohort, movement, what is outstanding. */
@Tag(name = "Talent")
@Controller("/admin/api/talent")
@ExecuteOn(TaskExecutors.BLOCKING)
class TalentController {

    private final TalentReports reports;
    private final AdminGate gate;

    TalentController(TalentReports reports, AdminGate gate) {
        this.reports = reports;
        this.gate = gate;
    }

    @Get("/cohorts/{id}")
    TalentReports.CohortReport cohort(long id, @Nullable @QueryValue String cycle,
                                      @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_COHORT_REPORTS, null, "talent report");
        return reports.cohort(id, cycle, admin.actor());
    }

    @Get(value = "/cohorts/{id}/placements.csv", produces = "text/csv")
    HttpResponse<String> csv(long id, @Nullable @QueryValue String cycle,
                             @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_COHORT_REPORTS, null, "talent placements export");
        return HttpResponse.ok(reports.csv(id, cycle, admin.actor()))
                .header("Content-Disposition", "attachment; filename=\"talent-placements.csv\"")
                .header("Cache-Control", "no-store");
    }

    @Post("/reviews/{id}/moderated")
    TalentReports.Placement moderated(long id, @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        return reports.advance(id, "MODERATED", admin.personId(), admin.actor());
    }

    @Post("/reviews/{id}/fed-back")
    TalentReports.Placement fedBack(long id, @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        return reports.advance(id, "FED_BACK", admin.personId(), admin.actor());
    }
}
