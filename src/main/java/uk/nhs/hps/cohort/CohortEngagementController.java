package uk.nhs.hps.cohort;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.admin.AdminGate;
import uk.nhs.hps.admin.AdminPrincipal;

/** A cohort's engagement by development stream, for the programme team (counts only; see ReportingEngagementByStream). */
@Tag(name = "Cohorts")
@Controller("/admin/api/cohorts")
@ExecuteOn(TaskExecutors.BLOCKING)
class CohortEngagementController {

    private final ReportingEngagementByStream engagement;
    private final AdminGate gate;

    CohortEngagementController(ReportingEngagementByStream engagement, AdminGate gate) {
        this.engagement = engagement;
        this.gate = gate;
    }

    @Get("/{id}/engagement")
    ReportingEngagementByStream.Report engagement(long id,
                                                  @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_COHORT_REPORTS, null, "cohort engagement by stream");
        return engagement.report(id);
    }
}
