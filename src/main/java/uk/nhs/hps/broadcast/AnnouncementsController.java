package uk.nhs.hps.broadcast;

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
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.admin.AdminGate;
import uk.nhs.hps.admin.AdminPrincipal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Cohort announcements: compose, preview, send or schedule, follow, correct, withdraw. */
@Tag(name = "Announcements")
@Controller("/admin/api/announcements")
@ExecuteOn(TaskExecutors.BLOCKING)
class AnnouncementsController {

    @Serdeable
    record ComposeRequest(String title, String body, @Nullable String imageUrl, @Nullable String linkTitle,
                          @Nullable String linkUrl, boolean askAcknowledgement, Audience audience) {
        Announcement.Content content() {
            return new Announcement.Content(title, body, imageUrl, linkTitle, linkUrl, askAcknowledgement);
        }
    }

    @Serdeable
    record DraftView(long id, String title, String status, int recipients, List<String> unknownEmails) {
    }

    @Serdeable
    record SendRequest(@Nullable String sendAt, @Nullable String timeZone) {
    }

    @Serdeable
    record AnnouncementView(long id, String title, String status, @Nullable Instant sendAt, String timeZone, Instant createdAt,
                            @Nullable String note) {
        static AnnouncementView of(Announcement a) {
            return new AnnouncementView(a.id(), a.title(), a.status().name(), a.sendAt(), a.timeZone(), a.createdAt(),
                    a.status() == Announcement.Status.HELD ? HoldingAnnouncements.HELD_REASON
                            + " (POST /admin/api/announcements/" + a.id() + "/send-held or /cancel)" : null);
        }
    }

    private final ComposingAnnouncement composing;
    private final SendingAnnouncement sending;
    private final ReportingAnnouncement reporting;
    private final RevisingAnnouncement revising;
    private final HoldingAnnouncements holding;
    private final AdminGate gate;

    AnnouncementsController(ComposingAnnouncement composing, SendingAnnouncement sending, ReportingAnnouncement reporting,
                            RevisingAnnouncement revising, HoldingAnnouncements holding, AdminGate gate) {
        this.holding = holding;
        this.composing = composing;
        this.sending = sending;
        this.reporting = reporting;
        this.revising = revising;
        this.gate = gate;
    }

    @Post
    HttpResponse<DraftView> compose(@Body ComposeRequest request, @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.BROADCAST, null, "compose announcement");
        if (request.audience() == null) {
            throw new InvalidRequest("Choose who the announcement is for.");
        }
        ComposingAnnouncement.Draft draft = composing.draft(admin.personId(), request.content(), request.audience());
        return HttpResponse.created(new DraftView(draft.announcement().id(), draft.announcement().title(),
                draft.announcement().status().name(), draft.recipients(), draft.unknownEmails()));
    }

    @Get
    List<AnnouncementView> list(@Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.BROADCAST, null, "list announcements");
        return reporting.list(admin.personId()).stream().map(AnnouncementView::of).toList();
    }

    @Post("/{id}/preview")
    HttpResponse<Void> preview(long id, @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.BROADCAST, null, "preview announcement");
        sending.preview(id, admin.personId());
        return HttpResponse.accepted();
    }

    /** {@code sendAt} is a local date-time such as 2026-12-01T09:00, read in {@code timeZone} (Europe/London by default). */
    @Post("/{id}/send")
    SendingAnnouncement.Scheduled send(long id, @Body @Nullable SendRequest request,
                                       @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.BROADCAST, null, "send announcement");
        LocalDateTime at = null;
        if (request != null && request.sendAt() != null && !request.sendAt().isBlank()) {
            try {
                at = LocalDateTime.parse(request.sendAt().strip());
            } catch (DateTimeParseException e) {
                throw new InvalidRequest("sendAt must be a local date and time such as 2026-12-01T09:00.");
            }
        }
        return sending.send(id, admin.personId(), at, request == null ? null : request.timeZone());
    }

    @Get("/{id}/status")
    ReportingAnnouncement.Status status(long id, @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.BROADCAST, null, "announcement status");
        return reporting.status(id, admin.personId());
    }

    @Get("/{id}/recipients")
    List<ReportingAnnouncement.Recipient> recipients(long id, @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.BROADCAST, null, "announcement recipients");
        return reporting.recipients(id, admin.personId());
    }

    @Get(value = "/{id}/recipients.csv", produces = "text/csv")
    String recipientsCsv(long id, @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.BROADCAST, null, "announcement recipients export");
        return reporting.csv(id, admin.personId());
    }

    @Post("/{id}/cancel")
    RevisingAnnouncement.Outcome cancel(long id, @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.BROADCAST, null, "cancel announcement");
        return revising.cancel(id, admin.personId());
    }

    /** Sends an announcement held because its author left the programme team; a second call is refused (409). */
    @Post("/{id}/send-held")
    HoldingAnnouncements.Released sendHeld(long id, @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.BROADCAST, null, "send held announcement");
        return holding.send(id, admin.personId());
    }

    @Post("/{id}/resend-failed")
    RevisingAnnouncement.Outcome resendFailed(long id, @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.BROADCAST, null, "resend announcement");
        return revising.resendFailed(id, admin.personId());
    }

    @Put("/{id}")
    RevisingAnnouncement.Outcome edit(long id, @Body ComposeRequest request,
                                      @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.BROADCAST, null, "edit announcement");
        return revising.edit(id, admin.personId(), request.content());
    }

    @Delete("/{id}")
    RevisingAnnouncement.Outcome delete(long id, @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.BROADCAST, null, "delete announcement");
        return revising.delete(id, admin.personId());
    }
}
