package uk.nhs.hps.talent;

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

/**
 * What the talent conversation shows, as the programme team can read it: 002's indicators of potential
 * (scheme/indicators.yml) with the level chosen for each development stream and why.
 */
@Tag(name = "Scheme")
@Controller("/admin/api/scheme")
@ExecuteOn(TaskExecutors.BLOCKING)
class TalentSchemeController {

    private final TalentIndicators indicators;
    private final AdminGate gate;

    TalentSchemeController(TalentIndicators indicators, AdminGate gate) {
        this.indicators = indicators;
        this.gate = gate;
    }

    @Get("/indicators")
    TalentIndicators.Scheme indicators(@Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_COHORT_REPORTS, null, "read indicators of potential");
        return indicators.scheme();
    }
}
