package uk.nhs.hps.talent;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
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
 * What the talent conversation shows, as the programme team can read it: 002's indicators of potential
 * (scheme/indicators.yml) with the level chosen for each development stream and why; the 9-box grid (talent/grid.yml
 * and the versions saved since), whose labels and descriptions the programme team may replace (audited, a new
 * version each time; placements keep the version they were made on); and what the career conversation asks beyond
 * the indicators (scheme/conversation.yml).
 */
@Tag(name = "Scheme")
@Controller("/admin/api/scheme")
@ExecuteOn(TaskExecutors.BLOCKING)
class TalentSchemeController {

    private final TalentIndicators indicators;
    private final TalentGrids grids;
    private final TalentConversationGuide guide;
    private final AdminGate gate;

    TalentSchemeController(TalentIndicators indicators, TalentGrids grids, TalentConversationGuide guide, AdminGate gate) {
        this.indicators = indicators;
        this.guide = guide;
        this.grids = grids;
        this.gate = gate;
    }

    /** One version of the grid as data: what every box, column and row says, and the readiness of each box. */
    @Serdeable
    record GridView(String version, String source, String performanceAnchor, List<TalentGrid.Option> performance,
                    List<TalentGrid.Option> potential, List<TalentGrid.Box> boxes, List<TalentGrid.Option> readiness) {

        static GridView of(TalentGrid grid) {
            return new GridView(grid.version(), grid.source(), grid.performanceAnchor(), grid.performance(), grid.potential(),
                    grid.boxes(), grid.readiness());
        }
    }

    @Get("/grid")
    GridView grid(@Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_COHORT_REPORTS, null, "read 9-box grid");
        return GridView.of(grids.current());
    }

    @Get("/grid/versions")
    List<TalentGrids.VersionInfo> versions(@Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_COHORT_REPORTS, null, "read 9-box grid versions");
        return grids.history();
    }

    @Get("/grid/versions/{version}")
    GridView version(String version, @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_COHORT_REPORTS, null, "read 9-box grid version");
        TalentGrid grid = grids.of(version);
        if (!grid.version().equals(version)) {
            throw new uk.nhs.hps.access.NotFound("No 9-box grid version " + version + ".");
        }
        return GridView.of(grid);
    }

    /** Replaces labels and descriptions; answers with the new current version. */
    @Put("/grid")
    GridView replace(@Body @Nullable TalentGrids.Change change,
                     @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_TALENT_GRID, null, "replace 9-box grid labels");
        if (change == null) {
            throw new uk.nhs.hps.access.InvalidRequest("Send the labels and descriptions to replace, and a reason.");
        }
        return GridView.of(grids.replace(change, admin.actor()));
    }

    /** scheme/conversation.yml: 004's drivers the preparation asks about, 001's role of the coach and of the sponsor. */
    @Get("/conversation")
    TalentConversationGuide.Guide conversation(@Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_COHORT_REPORTS, null, "read career conversation guide");
        return guide.guide();
    }

    @Get("/indicators")
    TalentIndicators.Scheme indicators(@Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_COHORT_REPORTS, null, "read indicators of potential");
        return indicators.scheme();
    }
}
