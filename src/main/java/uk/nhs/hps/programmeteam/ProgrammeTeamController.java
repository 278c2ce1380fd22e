package uk.nhs.hps.programmeteam;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import uk.nhs.hps.access.Action;
import uk.nhs.hps.admin.AdminGate;
import uk.nhs.hps.admin.AdminPrincipal;
import uk.nhs.hps.audit.AuditEvent;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.PersonView;

import java.util.List;

@Tag(name = "Programme team")
@Controller("/admin/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class ProgrammeTeamController {

    private final ManagingProgrammeTeam team;
    private final AuditLog audit;
    private final AdminGate gate;

    ProgrammeTeamController(ManagingProgrammeTeam team, AuditLog audit, AdminGate gate) {
        this.team = team;
        this.audit = audit;
        this.gate = gate;
    }

    @Get("/programme-team")
    List<PersonView> members(@Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_ROSTER, null, "list programme team");
        return team.list().stream().map(PersonView::of).toList();
    }

    @Post("/programme-team")
    HttpResponse<PersonView> add(@Body MemberRequest request,
                                            @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_ROSTER, null, "add programme-team member");
        return HttpResponse.created(PersonView.of(team.add(request.personId(), admin.actor())));
    }

    @Delete("/programme-team/{personId}")
    HttpResponse<Void> remove(long personId, @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_ROSTER, null, "remove programme-team member");
        team.remove(personId, admin.actor());
        return HttpResponse.noContent();
    }

    /** The audit log, latest first, optionally about one person. */
    @Get("/audit")
    List<AuditEvent> audit(@QueryValue @Nullable Long subject, @QueryValue(defaultValue = "100") int limit,
                           @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_AUDIT_LOG, null, "read audit log");
        return subject == null ? audit.latestFirst(limit) : audit.about(subject);
    }

    @Serdeable
    record MemberRequest(long personId) {
    }
}
