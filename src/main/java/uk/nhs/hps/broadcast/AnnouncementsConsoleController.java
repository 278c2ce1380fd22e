package uk.nhs.hps.broadcast;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import uk.nhs.hps.access.Conflict;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.console.ConsolePages;
import uk.nhs.hps.console.SigningIn;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The console's Announcements pages (/console/announcements): list, compose with a live audience count and card
 * preview, send now or at a UK time after a confirmation, follow delivery, and resend, edit, recall or cancel, each
 * confirmed first. Forms are translated into the admin API's use cases; the pages are drawn by
 * {@link AnnouncementPages}.
 */
@Hidden
@Controller("/console/announcements")
@ExecuteOn(TaskExecutors.BLOCKING)
class AnnouncementsConsoleController {

    /** The compose and edit forms, as posted (every field optional: what is missing is said on the page). */
    @Serdeable
    record ComposeForm(@Nullable String draftId, @Nullable String title, @Nullable String body, @Nullable String linkTitle,
                       @Nullable String linkUrl, @Nullable String askAcknowledgement, @Nullable String cohort,
                       @Nullable String role, @Nullable String stream, @Nullable String organisation,
                       @Nullable String when, @Nullable String sendDate, @Nullable String sendTime,
                       @Nullable String intent, @Nullable String confirmed) {

        Announcement.Content content() {
            return new Announcement.Content(title, body, null, linkTitle, linkUrl, "yes".equals(askAcknowledgement));
        }

        boolean later() {
            return "later".equals(when);
        }
    }

    /** A confirmation's form: what was confirmed travels back in hidden fields. */
    @Serdeable
    record ConfirmForm(@Nullable String at) {
    }

    private final ComposingAnnouncement composing;
    private final SendingAnnouncement sending;
    private final ReportingAnnouncement reporting;
    private final RevisingAnnouncement revising;
    private final HoldingAnnouncements holding;
    private static final String SECTION = "announcements";

    private final AnnouncementViews views;
    private final ConsolePages consolePages;
    private final Clock clock;

    AnnouncementsConsoleController(ComposingAnnouncement composing, SendingAnnouncement sending,
                                   ReportingAnnouncement reporting, RevisingAnnouncement revising, HoldingAnnouncements holding,
                                   AnnouncementViews views, ConsolePages consolePages, Clock clock) {
        this.holding = holding;
        this.composing = composing;
        this.sending = sending;
        this.reporting = reporting;
        this.revising = revising;
        this.views = views;
        this.consolePages = consolePages;
        this.clock = clock;
    }

    @Get
    MutableHttpResponse<String> list(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member) {
        return page(request, HttpStatus.OK, "broadcast/list", views.list(reporting.list(member.personId()), clock.instant()));
    }

    @Get("/new")
    MutableHttpResponse<String> compose(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member) {
        return page(request, HttpStatus.OK, "broadcast/compose", views.compose(composing.choices(member.personId()), AnnouncementViews.emptyForm(), Map.of()));
    }

    /** A saved draft (or a duplicate) in the compose form. */
    @Get("/{id}/draft")
    MutableHttpResponse<String> draft(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                      @PathVariable long id) {
        return found(request, () -> {
            Announcement a = reporting.announcement(id, member.personId());
            if (a.status() != Announcement.Status.DRAFT) {
                return seeOther("/console/announcements/" + id);
            }
            return page(request, HttpStatus.OK, "broadcast/compose", views.compose(composing.choices(member.personId()),
                    AnnouncementViews.formOf(a, Audience.fromJson(a.audience())), Map.of()));
        });
    }

    /** The compose form: saved as a draft, or checked and saved, then on to the send confirmation. */
    @Post("/compose")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> submit(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                       @Body ComposeForm form) {
        boolean toSend = !"save".equals(form.intent());
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(form.title())) {
            errors.put("title", "Enter a title.");
        }
        if (blank(form.body())) {
            errors.put("body", "Enter the text of the announcement.");
        }
        Audience audience = audience(form, errors);
        LocalDateTime at = toSend && form.later() ? sendAt(form, errors) : null;
        if (!errors.isEmpty()) {
            return page(request, HttpStatus.BAD_REQUEST, "broadcast/compose", views.compose(composing.choices(member.personId()), form, errors));
        }
        try {
            ComposingAnnouncement.Prepared prepared = composing.prepare(member.personId(), draftId(form), form.content(),
                    audience, toSend, at);
            long id = prepared.draft().announcement().id();
            if (!toSend) {
                return seeOther("/console/announcements/" + id + "?done=saved");
            }
            return seeOther("/console/announcements/" + id + "/send" + (at == null ? "" : "?at=" + at));
        } catch (InvalidAnnouncement e) {
            return page(request, HttpStatus.BAD_REQUEST, "broadcast/compose", views.compose(composing.choices(member.personId()), form,
                    Map.of(AnnouncementViews.fieldOf(e.field()), e.getMessage())));
        } catch (InvalidRequest | Conflict | NotFound e) {
            return page(request, HttpStatus.BAD_REQUEST, "broadcast/compose", views.compose(composing.choices(member.personId()), form,
                    Map.of("title", e.getMessage())));
        }
    }

    /** The compose form's live audience count (an htmx fragment, on every change of the audience fields). */
    @Post("/audience-count")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> count(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                      @Body ComposeForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        Audience audience = audience(form, errors);
        if (!errors.isEmpty()) {
            return page(request, HttpStatus.OK, "broadcast/count", views.count(null, errors.values().iterator().next()));
        }
        try {
            return page(request, HttpStatus.OK, "broadcast/count", views.count(composing.count(member.personId(), audience), null));
        } catch (InvalidRequest e) {
            return page(request, HttpStatus.OK, "broadcast/count", views.count(null, e.getMessage()));
        }
    }

    /** The card the bot would send for what has been typed so far, as JSON, for the Adaptive Cards renderer. */
    @Post(value = "/card", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> card(@RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member, @Body ComposeForm form) {
        return HttpResponse.ok(composing.previewCard(member.personId(), form.content()))
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store");
    }

    /** Send now or at the time chosen? The confirmation step. */
    @Get("/{id}/send")
    MutableHttpResponse<String> confirmSend(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                            @PathVariable long id, @Nullable @QueryValue String at) {
        return found(request, () -> {
            ReportingAnnouncement.Overview o = reporting.overview(id, member.personId());
            if (o.announcement().status() != Announcement.Status.DRAFT) {
                return seeOther("/console/announcements/" + id);
            }
            return page(request, HttpStatus.OK, "broadcast/confirm", views.confirmSend(o.announcement(), composing.count(member.personId(), o.audience()),
                    parseAt(at), null));
        });
    }

    @Post("/{id}/send")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> send(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                     @PathVariable long id, @Body ConfirmForm form) {
        return found(request, () -> {
            LocalDateTime at = parseAt(form.at());
            try {
                SendingAnnouncement.Scheduled scheduled = sending.send(id, member.personId(), at, null);
                return seeOther("/console/announcements/" + id + "?done=" + (at == null ? "sent" : "scheduled")
                        + "&n=" + scheduled.recipients());
            } catch (Conflict e) {
                // a second press of Send (a double click, the back button): the first one did it
                return seeOther("/console/announcements/" + id + "?done=already");
            } catch (InvalidRequest e) {
                ReportingAnnouncement.Overview o = reporting.overview(id, member.personId());
                return page(request, HttpStatus.BAD_REQUEST, "broadcast/confirm", views.confirmSend(o.announcement(),
                        composing.count(member.personId(), o.audience()), at, e.getMessage()));
            }
        });
    }

    @Post("/{id}/duplicate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> duplicate(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                          @PathVariable long id) {
        return found(request, () -> seeOther("/console/announcements/"
                + composing.duplicate(member.personId(), id).announcement().id() + "/draft"));
    }

    @Get("/{id}")
    MutableHttpResponse<String> show(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                     @PathVariable long id, @Nullable @QueryValue String done, @Nullable @QueryValue String n) {
        return found(request, () -> page(request, HttpStatus.OK, "broadcast/announcement", views.announcement(reporting.overview(id, member.personId()), clock.instant(),
                AnnouncementViews.flash(done, n))));
    }

    /** Delivery progress, polled by the announcement's page until nothing is waiting. */
    @Get("/{id}/progress")
    MutableHttpResponse<String> progress(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                         @PathVariable long id) {
        return found(request, () -> {
            Announcement a = reporting.announcement(id, member.personId());
            return page(request, HttpStatus.OK, "broadcast/progress", views.progress(a, reporting.status(id, member.personId()), clock.instant()));
        });
    }

    @Get(value = "/{id}/recipients.csv", produces = "text/csv")
    MutableHttpResponse<String> csv(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                    @PathVariable long id) {
        return found(request, () -> HttpResponse.ok(reporting.csv(id, member.personId()))
                .contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"announcement-" + id + "-recipients.csv\"")
                .header("Cache-Control", "no-store"));
    }

    /** Resend, recall, cancel or send a held one: first a confirmation page. */
    @Get("/{id}/{action:resend|recall|cancel|release}")
    MutableHttpResponse<String> confirm(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                        @PathVariable long id, @PathVariable String action) {
        return found(request, () -> page(request, HttpStatus.OK, "broadcast/confirm", views.confirmAction(reporting.overview(id, member.personId()), action)));
    }

    @Post("/{id}/{action:resend|recall|cancel|release}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> act(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                    @PathVariable long id, @PathVariable String action) {
        return found(request, () -> {
            try {
                if ("release".equals(action)) {
                    return seeOther("/console/announcements/" + id + "?done=release&n=" + holding.send(id, member.personId()).released());
                }
                RevisingAnnouncement.Outcome outcome = switch (action) {
                    case "resend" -> revising.resendFailed(id, member.personId());
                    case "recall" -> revising.delete(id, member.personId());
                    default -> revising.cancel(id, member.personId());
                };
                int n = switch (action) {
                    case "resend" -> outcome.requeued();
                    case "recall" -> outcome.changedInChats();
                    default -> outcome.cancelled();
                };
                return seeOther("/console/announcements/" + id + "?done=" + action + "&n=" + n);
            } catch (Conflict e) {
                return refused(request, e.getMessage());
            }
        });
    }

    @Get("/{id}/edit")
    MutableHttpResponse<String> edit(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                     @PathVariable long id) {
        return found(request, () -> {
            Announcement a = reporting.announcement(id, member.personId());
            return page(request, HttpStatus.OK, "broadcast/compose", views.edit(a, AnnouncementViews.formOf(a, Audience.fromJson(a.audience())), Map.of()));
        });
    }

    /** The edit form: checked and confirmed (how many chats change), then the sent cards are updated. */
    @Post("/{id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> saveEdit(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                         @PathVariable long id, @Body ComposeForm form) {
        return found(request, () -> {
            Announcement a = reporting.announcement(id, member.personId());
            Map<String, String> errors = new LinkedHashMap<>();
            if (blank(form.title())) {
                errors.put("title", "Enter a title.");
            }
            if (blank(form.body())) {
                errors.put("body", "Enter the text of the announcement.");
            }
            if (!errors.isEmpty()) {
                return page(request, HttpStatus.BAD_REQUEST, "broadcast/compose", views.edit(a, form, errors));
            }
            try {
                if (!"yes".equals(form.confirmed())) {
                    return page(request, HttpStatus.OK, "broadcast/confirm", views.confirmEdit(a, form, revising.checkEdit(id, member.personId(), form.content())));
                }
                RevisingAnnouncement.Outcome outcome = revising.edit(id, member.personId(), form.content());
                return seeOther("/console/announcements/" + id + "?done=edited&n=" + outcome.changedInChats());
            } catch (InvalidAnnouncement e) {
                return page(request, HttpStatus.BAD_REQUEST, "broadcast/compose", views.edit(a, form, Map.of(AnnouncementViews.fieldOf(e.field()), e.getMessage())));
            } catch (Conflict e) {
                return refused(request, e.getMessage());
            }
        });
    }

    // --- translating the form ----------------------------------------------------------------------------------

    private static Audience audience(ComposeForm form, Map<String, String> errors) {
        if (blank(form.cohort())) {
            errors.put("cohort", "Choose the cohort the announcement is for.");
            return null;
        }
        long cohortId;
        try {
            cohortId = Long.parseLong(form.cohort().strip());
        } catch (NumberFormatException e) {
            errors.put("cohort", "There is no cohort “" + form.cohort().strip() + "”; choose one from the list.");
            return null;
        }
        try {
            return Audience.selection(java.util.List.of(cohortId), AnnouncementViews.roleOf(form.role()),
                    AnnouncementViews.streamOf(form.stream()), form.organisation());
        } catch (IllegalArgumentException | InvalidRequest e) {
            errors.put("role", "Choose who in the cohort: participants, sponsors or coaches.");
            return null;
        }
    }

    private static LocalDateTime sendAt(ComposeForm form, Map<String, String> errors) {
        if (blank(form.sendDate()) || blank(form.sendTime())) {
            errors.put("sendDate", "Enter the date and the time (UK time) to send it, or choose to send it now.");
            return null;
        }
        try {
            return LocalDateTime.of(LocalDate.parse(form.sendDate().strip()), LocalTime.parse(form.sendTime().strip()));
        } catch (DateTimeParseException e) {
            errors.put("sendDate", "Enter a real date and a time such as 09:00.");
            return null;
        }
    }

    private static LocalDateTime parseAt(@Nullable String at) {
        if (blank(at)) {
            return null;
        }
        try {
            return LocalDateTime.parse(at.strip());
        } catch (DateTimeParseException e) {
            throw new NotFound("That send time is not one this console wrote; go back to the announcement and try again.");
        }
    }

    private static Long draftId(ComposeForm form) {
        try {
            return blank(form.draftId()) ? null : Long.valueOf(form.draftId().strip());
        } catch (NumberFormatException e) {
            throw new NotFound("No draft " + form.draftId() + ".");
        }
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    /** An unknown announcement is the console's 404 page, not an error trace. */
    private MutableHttpResponse<String> found(HttpRequest<?> request, Supplier<MutableHttpResponse<String>> page) {
        try {
            return page.get();
        } catch (NotFound e) {
            return consolePages.render(request, HttpStatus.NOT_FOUND, "console/refused", SECTION, Map.of("why", e.getMessage()));
        }
    }

    private static MutableHttpResponse<String> seeOther(String location) {
        return HttpResponse.<String>seeOther(URI.create(location));
    }

    private MutableHttpResponse<String> refused(HttpRequest<?> request, String why) {
        return consolePages.render(request, HttpStatus.CONFLICT, "console/refused", SECTION, Map.of("why", why));
    }

    private MutableHttpResponse<String> page(HttpRequest<?> request, HttpStatus status, String view, Map<String, Object> model) {
        return consolePages.render(request, status, view, SECTION, model);
    }
}
