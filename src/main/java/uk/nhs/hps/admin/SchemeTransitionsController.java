package uk.nhs.hps.admin;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.scheme.Transitions;

import java.util.List;

/**
 * The career transitions as the service uses them (scheme/transitions.yml), read-only, so the programme team can
 * check every text against the scheme's documents: each carries its document, section and passage.
 */
@Tag(name = "Scheme")
@Controller("/admin/api/scheme")
@ExecuteOn(TaskExecutors.BLOCKING)
class SchemeTransitionsController {

    private final Transitions transitions;
    private final AdminGate gate;

    SchemeTransitionsController(Transitions transitions, AdminGate gate) {
        this.transitions = transitions;
        this.gate = gate;
    }

    @Get("/transitions")
    TransitionsView transitions(@Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_COHORT_REPORTS, null, "read scheme transitions");
        return new TransitionsView(transitions.version(), transitions.documents(), transitions.definition(),
                transitions.keyExperiencesExpected(), transitions.mappingSource(), transitions.areas(), transitions.all());
    }

    @Serdeable
    record TransitionsView(String version, List<Transitions.Document> documents, Transitions.Quoted definition,
                           Transitions.Expectation keyExperiencesExpected, Transitions.Source mapping,
                           List<Transitions.Area> areas, List<Transitions.Transition> transitions) {
    }
}
