package uk.nhs.hps.cohort;

import io.micronaut.core.annotation.Nullable;
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
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import uk.nhs.hps.access.Action;
import uk.nhs.hps.admin.AdminGate;
import uk.nhs.hps.admin.AdminPrincipal;
import uk.nhs.hps.meeting.SettingCohortMeetingNudges;
import uk.nhs.hps.people.Cohort;

import java.time.LocalDate;
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
    List<CohortView> list(@Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_COHORT_REPORTS, null, "list cohorts");
        return cohorts.list().stream().map(CohortView::of).toList();
    }

    @Get("/{id}")
    CohortView get(long id, @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_COHORT_REPORTS, null, "read cohort");
        return CohortView.of(cohorts.get(id));
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
        return meetingNudges.set(id, request.nudgeAt(), request.secondNudgeDay(), admin.actor());
    }

    @Post
    HttpResponse<CohortView> create(@Body CohortRequest request,
                                               @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_ROSTER, null, "create cohort");
        return HttpResponse.created(CohortView.of(cohorts.create(details(request))));
    }

    @Put("/{id}")
    CohortView update(long id, @Body CohortRequest request,
                                 @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_ROSTER, null, "update cohort");
        return CohortView.of(cohorts.update(id, details(request)));
    }

    @Delete("/{id}")
    HttpResponse<Void> delete(long id, @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_ROSTER, null, "delete cohort");
        cohorts.delete(id);
        return HttpResponse.noContent();
    }

    private static ManagingCohorts.CohortDetails details(CohortRequest r) {
        return new ManagingCohorts.CohortDetails(r.name(), r.startsOn(), r.endsOn(), r.timeZone(), r.reflectivePromptDays());
    }

    @Serdeable
    record CohortView(long id, String name, LocalDate startsOn, LocalDate endsOn, String timeZone,
                      int reflectivePromptDays) {
        static CohortView of(Cohort c) {
            return new CohortView(c.id(), c.name(), c.startsOn(), c.endsOn(), c.timeZone(), c.reflectivePromptDays());
        }
    }

    @Serdeable
    record CohortRequest(String name, LocalDate startsOn, LocalDate endsOn, @Nullable String timeZone,
                         @Nullable Integer reflectivePromptDays) {
    }
}
