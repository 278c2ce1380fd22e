package uk.nhs.hps.reflection;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.admin.AdminGate;
import uk.nhs.hps.admin.AdminPrincipal;

import java.util.List;

/**
 * The reflective log's definitions as the service loaded them (reflection/reflective-log.yml), read-only: the
 * templates and their steps, the nine Healthcare Leadership Model dimensions, the 70:20:10 sources in 001's words and
 * the indicators of potential an entry can be evidence for. The four areas an entry can be tagged with, their mapping
 * to the Success Profile and the Healthcare Leadership Model, and each transition's key experiences are in
 * scheme/transitions.yml ({@code GET /admin/api/scheme/transitions}).
 */
@Tag(name = "Scheme")
@Controller("/admin/api/scheme")
@ExecuteOn(TaskExecutors.BLOCKING)
class ReflectiveLogSchemeController {

    private final ReflectionDefinitions definitions;
    private final AdminGate gate;

    ReflectiveLogSchemeController(ReflectionDefinitions definitions, AdminGate gate) {
        this.definitions = definitions;
        this.gate = gate;
    }

    @Get("/reflective-log")
    ReflectiveLogView reflectiveLog(@Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_COHORT_REPORTS, null, "read reflective log definitions");
        return new ReflectiveLogView(definitions.templates(), definitions.dimensions(), definitions.sources(),
                definitions.indicators(), "/admin/api/scheme/transitions");
    }

    /** The file's keys, in its order; {@code areasAndKeyExperiences} says where the other tags are defined. */
    @Serdeable
    record ReflectiveLogView(List<ReflectionDefinitions.Template> templates, List<ReflectionDefinitions.Option> dimensions,
                             List<ReflectionDefinitions.Option> learningSources,
                             List<ReflectionDefinitions.Option> indicatorsOfPotential, String areasAndKeyExperiences) {
    }
}
