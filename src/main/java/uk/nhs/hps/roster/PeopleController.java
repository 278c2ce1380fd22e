package uk.nhs.hps.roster;

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
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import uk.nhs.hps.access.Action;
import uk.nhs.hps.admin.AdminGate;
import uk.nhs.hps.admin.AdminPrincipal;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.PersonView;
import uk.nhs.hps.people.Sponsorship;

import java.time.LocalDate;
import java.util.List;

@Tag(name = "People")
@Controller("/admin/api/people")
@ExecuteOn(TaskExecutors.BLOCKING)
class PeopleController {

    private final FindingPeople finding;
    private final ChangingStatus changingStatus;
    private final ChangingSponsor changingSponsor;
    private final RecordingDevelopmentStream recordingStream;
    private final AdminGate gate;

    PeopleController(FindingPeople finding, ChangingStatus changingStatus, ChangingSponsor changingSponsor,
                     RecordingDevelopmentStream recordingStream, AdminGate gate) {
        this.finding = finding;
        this.recordingStream = recordingStream;
        this.changingStatus = changingStatus;
        this.changingSponsor = changingSponsor;
        this.gate = gate;
    }

    /** Lists or searches people by name or e-mail, optionally within a cohort. */
    @Get
    List<PersonView> search(@QueryValue @Nullable String q, @QueryValue @Nullable Long cohortId,
                                       @QueryValue(defaultValue = "50") int limit, @QueryValue(defaultValue = "0") int offset,
                                       @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_ROSTER, null, "search people");
        return finding.search(q, cohortId, limit, offset).stream().map(PersonView::of).toList();
    }

    @Get("/{id}")
    PersonView get(long id, @Header(AdminGate.REASON_HEADER) @Nullable String reason,
                              @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_PROFILE, id, AdminGate.why(reason, "admin API: read profile"));
        return PersonView.of(finding.get(id));
    }

    @Put("/{id}/status")
    PersonView changeStatus(long id, @Body StatusRequest request,
                                       @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.CHANGE_STATUS, id, "change status");
        return PersonView.of(changingStatus.change(id, request.status(), request.reason(), request.since(),
                request.until(), admin.actor()));
    }

    /** Records the development stream (1 or 2) the participant applied to; null clears it. */
    @Put("/{id}/stream")
    PersonView changeStream(long id, @Body StreamRequest request,
                            @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_ROSTER, null, "record development stream");
        return PersonView.of(recordingStream.record(id, request.stream(), admin.actor()));
    }

    @Get("/{id}/sponsorships")
    List<SponsorshipView> sponsorships(long id, @Header(AdminGate.REASON_HEADER) @Nullable String reason,
                                                  @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_PROFILE, id, AdminGate.why(reason, "admin API: read sponsorship history"));
        return changingSponsor.history(id).stream().map(SponsorshipView::of).toList();
    }

    /** Gives the participant a new sponsor; the current sponsorship ends the day the new one starts. */
    @Post("/{id}/sponsorships")
    HttpResponse<SponsorshipView> changeSponsor(long id, @Body SponsorshipRequest request,
                                                           @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_ROSTER, null, "change sponsor");
        return HttpResponse.created(SponsorshipView.of(
                changingSponsor.change(id, request.sponsorId(), request.startsOn(), admin.actor(), request.reason())));
    }

    @Serdeable
    record StatusRequest(PersonStatus status, @Nullable String reason, @Nullable LocalDate since,
                         @Nullable LocalDate until) {
    }

    @Serdeable
    record StreamRequest(@Nullable Integer stream) {
    }

    @Serdeable
    record SponsorshipRequest(long sponsorId, @Nullable LocalDate startsOn, @Nullable String reason) {
    }

    @Serdeable
    record SponsorshipView(long id, long participantId, long sponsorId, LocalDate startsOn, @Nullable LocalDate endsOn) {
        static SponsorshipView of(Sponsorship s) {
            return new SponsorshipView(s.id(), s.participantId(), s.sponsorId(), s.startsOn(), s.endsOn());
        }
    }
}
