package uk.nhs.hps.meeting;

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

/**
 * What the monthly sponsor meeting nudge says the meeting is for (meeting/sponsor-meeting.yml), read-only, with the
 * passage of 001 it comes from, so the programme team can check it against the scheme's documents.
 */
@Tag(name = "Scheme")
@Controller("/admin/api/scheme")
@ExecuteOn(TaskExecutors.BLOCKING)
class MeetingSchemeController {

    private final SponsorMeetingPurpose purpose;
    private final AdminGate gate;

    MeetingSchemeController(SponsorMeetingPurpose purpose, AdminGate gate) {
        this.purpose = purpose;
        this.gate = gate;
    }

    @Get("/meeting")
    MeetingView meeting(@Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.VIEW_COHORT_REPORTS, null, "read sponsor meeting wording");
        return new MeetingView(new Purpose(purpose.text(), purpose.source()));
    }

    /** The file's shape: {@code purpose: {text, source: {document, file, section, passage}}}. */
    @Serdeable
    record MeetingView(Purpose purpose) {
    }

    @Serdeable
    record Purpose(String text, SponsorMeetingPurpose.Source source) {
    }
}
