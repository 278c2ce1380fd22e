package uk.nhs.hps.admin;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import uk.nhs.hps.roster.Action;
import uk.nhs.hps.meeting.SettingCohortMeetingNudges;
import uk.nhs.hps.roster.ManagingCohorts;

import java.util.List;

@Tag(name = "Cohorts")
@Controller("/admin/api/cohorts")
@ExecuteOn(TaskExecutors.BLOCKING)
class CohortsController {

    private final ManagingCohorts cohorts;
    private final SettingCohortMeetingNudges meetingNudges;
    private final AdminGate gate;

    CohortsController(ManagingCohorts cohorts, SettingCohortMeetingNudges meetingNudges, AdminGate gate) {
        this.cohorts = cohorts;
        this.meetingNudges = meetingNudges;
        this.gate = gate;
    }

    @Get
    List<AdminViews.CohortView> list(@Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_COHORT_REPORTS, null, "list cohorts");
        return cohorts.list().stream().map(AdminViews.CohortView::of).toList();
    }

    @Get("/{id}")
    AdminViews.CohortView get(long id, @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_COHORT_REPORTS, null, "read cohort");
        return AdminViews.CohortView.of(cohorts.get(id));
    }

    @io.micronaut.serde.annotation.Serdeable
    record MeetingNudgesRequest(@io.micronaut.core.annotation.Nullable String nudgeAt,
                                @io.micronaut.core.annotation.Nullable Integer secondNudgeDay) {
    }

    /** When this cohort's sponsors are nudged about their monthly meeting; nulls restore the defaults. */
    @Put("/{id}/meeting-nudges")
    SettingCohortMeetingNudges.Timing meetingNudges(long id, @Body MeetingNudgesRequest request,
                                                    @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_ROSTER, null, "cohort meeting nudges");
        return meetingNudges.set(id, request.nudgeAt(), request.secondNudgeDay());
    }

    @Post
    HttpResponse<AdminViews.CohortView> create(@Body AdminViews.CohortRequest request,
                                               @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_ROSTER, null, "create cohort");
        return HttpResponse.created(AdminViews.CohortView.of(cohorts.create(details(request))));
    }

    @Put("/{id}")
    AdminViews.CohortView update(long id, @Body AdminViews.CohortRequest request,
                                 @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_ROSTER, null, "update cohort");
        return AdminViews.CohortView.of(cohorts.update(id, details(request)));
    }

    @Delete("/{id}")
    HttpResponse<Void> delete(long id, @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_ROSTER, null, "delete cohort");
        cohorts.delete(id);
        return HttpResponse.noContent();
    }

    private static ManagingCohorts.CohortDetails details(AdminViews.CohortRequest r) {
        return new ManagingCohorts.CohortDetails(r.name(), r.startsOn(), r.endsOn(), r.timeZone(), r.reflectivePromptDays());
    }
}
