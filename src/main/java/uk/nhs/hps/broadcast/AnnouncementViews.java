package uk.nhs.hps.broadcast;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import uk.nhs.hps.console.UkTime;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.DevelopmentStream;
import uk.nhs.hps.people.Role;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the console's announcement pages show, as the templates under views/broadcast/ read it (no HTTP here). */
@Singleton
class AnnouncementViews {

    /** The audience's roles as the form offers them; "" is participants and their sponsors. */
    private static final List<Option> ROLES = List.of(new Option("", "Participants and their sponsors"),
            new Option("PARTICIPANT", "Participants only"), new Option("SPONSOR", "Sponsors of the participants"),
            new Option("COACH", "Coaches of the participants"));
    private static final List<Option> STREAMS = List.of(new Option("", "Any development stream"),
            new Option("ONE", "Stream 1"), new Option("TWO", "Stream 2"));
    /** Where a use case's problem is shown on the form. */
    private static final Map<String, String> FIELDS = Map.of("title", "title", "body", "body", "linkTitle", "linkTitle",
            "linkUrl", "linkUrl", "imageUrl", "title", "audience", "cohort", "sendAt", "sendDate");
    /** The first error of each field, in the order the form shows them. */
    private static final List<String> ORDER = List.of("title", "body", "linkTitle", "linkUrl", "cohort", "role", "sendDate");

    record Option(String value, String label) {
    }

    static AnnouncementsConsoleController.ComposeForm emptyForm() {
        return new AnnouncementsConsoleController.ComposeForm(null, "", "", "", "", null, "", "", "", "", "now", "", "",
                null, null);
    }

    static AnnouncementsConsoleController.ComposeForm formOf(Announcement a, Audience audience) {
        String cohort = audience.cohortIds().isEmpty() ? "" : String.valueOf(audience.cohortIds().get(0));
        return new AnnouncementsConsoleController.ComposeForm(String.valueOf(a.id()), a.title(), a.body(),
                a.linkTitle() == null ? "" : a.linkTitle(), a.linkUrl() == null ? "" : a.linkUrl(),
                a.askAcknowledgement() ? "yes" : null, cohort, audience.role() == null ? "" : audience.role().name(),
                audience.stream() == null ? "" : audience.stream().name(),
                audience.organisation() == null ? "" : audience.organisation(), "now", "", "", null, null);
    }

    static String fieldOf(String useCaseField) {
        return FIELDS.getOrDefault(useCaseField, "title");
    }

    /** The form's role: blank is participants with their sponsors; anything else must be one offered. */
    static @Nullable Role roleOf(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Role role = Role.valueOf(value.strip());
        if (role == Role.PROGRAMME_TEAM) {
            throw new IllegalArgumentException("not offered");
        }
        return role;
    }

    static @Nullable DevelopmentStream streamOf(@Nullable String value) {
        return value == null || value.isBlank() ? null : DevelopmentStream.valueOf(value.strip());
    }

    /** The outcome a redirect names ({@code ?done=sent&n=3}), in words. */
    static @Nullable String flash(@Nullable String done, @Nullable String n) {
        if (done == null) {
            return null;
        }
        String count = n == null || !n.matches("\\d{1,7}") ? "0" : n;
        String people = "1".equals(count) ? "1 person" : count + " people";
        return switch (done) {
            case "saved" -> "Draft saved. Nothing has been sent.";
            case "sent" -> "Sent: the announcement is on its way to " + people + ".";
            case "scheduled" -> "Scheduled: it will go to " + people + " at the time shown.";
            case "already" -> "This announcement had already been sent, so it was not sent again.";
            case "resend" -> "Queued again for " + people + " whose copy had failed.";
            case "recall" -> "Recalled: nothing more will be sent, and it was removed from " + chats(count) + ".";
            case "cancel" -> "Cancelled: " + ("1".equals(count) ? "1 copy" : count + " copies") + " will not be sent.";
            case "release" -> "Sent: the held announcement is on its way to " + people + ".";
            case "edited" -> "Saved. The card was updated in " + chats(count) + ".";
            default -> null;
        };
    }

    private static String chats(String count) {
        return "1".equals(count) ? "1 chat" : count + " chats";
    }

    Map<String, Object> list(List<Announcement> announcements, Instant now) {
        List<Map<String, Object>> rows = announcements.stream().map(a -> {
            Map<String, Object> row = new HashMap<>();
            row.put("id", a.id());
            row.put("title", a.title());
            row.put("state", state(a, now));
            row.put("stateClass", stateClass(a, now));
            row.put("when", when(a, now));
            row.put("created", UkTime.dateTime(a.createdAt()));
            return row;
        }).toList();
        return Map.of("announcements", rows);
    }

    Map<String, Object> compose(ComposingAnnouncement.Choices choices, AnnouncementsConsoleController.ComposeForm form,
                                Map<String, String> errors) {
        Map<String, Object> m = form(form, errors);
        m.put("mode", "compose");
        m.put("heading", form.draftId() == null || form.draftId().isBlank() ? "New announcement" : "Draft announcement");
        m.put("action", "/console/announcements/compose");
        m.put("cohorts", choices.cohorts().stream().map(c -> option(c, form.cohort())).toList());
        m.put("roles", selected(ROLES, form.role()));
        m.put("streams", selected(STREAMS, form.stream()));
        List<Option> organisations = new ArrayList<>(List.of(new Option("", "Any organisation")));
        choices.organisations().forEach(o -> organisations.add(new Option(o, o)));
        if (form.organisation() != null && !form.organisation().isBlank()
                && organisations.stream().noneMatch(o -> o.value().equalsIgnoreCase(form.organisation().strip()))) {
            organisations.add(new Option(form.organisation().strip(), form.organisation().strip()));
        }
        m.put("organisations", selected(organisations, form.organisation()));
        m.put("later", form.later());
        return m;
    }

    Map<String, Object> edit(Announcement a, AnnouncementsConsoleController.ComposeForm form, Map<String, String> errors) {
        Map<String, Object> m = form(form, errors);
        m.put("mode", "edit");
        m.put("heading", "Edit “" + a.title() + "”");
        m.put("action", "/console/announcements/" + a.id() + "/edit");
        m.put("id", a.id());
        return m;
    }

    private static Map<String, Object> form(AnnouncementsConsoleController.ComposeForm form, Map<String, String> errors) {
        Map<String, Object> m = new HashMap<>();
        m.put("form", form);
        m.put("ack", "yes".equals(form.askAcknowledgement()));
        m.put("errors", errors);
        List<Map<String, String>> summary = new ArrayList<>();
        ORDER.stream().filter(errors::containsKey).forEach(f -> summary.add(Map.of("field", f, "message", errors.get(f))));
        errors.keySet().stream().filter(f -> !ORDER.contains(f)).forEach(f -> summary.add(Map.of("field", f, "message", errors.get(f))));
        m.put("summary", summary);
        return m;
    }

    Map<String, Object> count(@Nullable Integer count, @Nullable String problem) {
        Map<String, Object> m = new HashMap<>();
        m.put("count", count);
        m.put("problem", problem);
        m.put("people", count == null ? "" : count == 1 ? "1 person" : count + " people");
        return m;
    }

    Map<String, Object> confirmSend(Announcement a, int recipients, @Nullable LocalDateTime at, @Nullable String error) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", a.id());
        m.put("title", a.title());
        m.put("kind", "send");
        m.put("heading", at == null ? "Send this announcement now?" : "Schedule this announcement?");
        m.put("question", (at == null ? "“" + a.title() + "” will go now to " : "“" + a.title() + "” will go at "
                + UkTime.dateTime(at.atZone(UkTime.ZONE).toInstant()) + " (UK time) to ")
                + (recipients == 1 ? "1 person" : recipients + " people") + " in their Teams chat with HPS Companion.");
        m.put("button", at == null ? "Send now" : "Schedule");
        m.put("action", "/console/announcements/" + a.id() + "/send");
        m.put("at", at == null ? "" : at.toString());
        m.put("back", "/console/announcements/" + a.id() + "/draft");
        m.put("backLabel", "Go back and change it");
        m.put("error", error);
        m.put("warning", false);
        return m;
    }

    Map<String, Object> confirmAction(ReportingAnnouncement.Overview o, String action) {
        Announcement a = o.announcement();
        Map<String, Object> m = new HashMap<>();
        m.put("id", a.id());
        m.put("title", a.title());
        m.put("kind", action);
        m.put("action", "/console/announcements/" + a.id() + "/" + action);
        m.put("back", "/console/announcements/" + a.id());
        m.put("backLabel", "No, go back");
        m.put("at", "");
        m.put("warning", !"resend".equals(action));
        switch (action) {
            case "resend" -> {
                m.put("heading", "Resend to the people whose copy failed?");
                m.put("question", plural(o.status().failed(), "person", "people") + " will be sent “" + a.title()
                        + "” again. Fix why it failed first (for example, they have not installed HPS Companion), or it will fail again.");
                m.put("button", "Resend");
            }
            case "recall" -> {
                m.put("heading", "Recall this announcement?");
                m.put("question", "“" + a.title() + "” will be removed from the chats it was delivered to ("
                        + o.status().sent() + "), and copies not yet sent will not go. This cannot be undone.");
                m.put("button", "Recall");
            }
            case "release" -> {
                m.put("heading", "Send this held announcement now?");
                m.put("question", "“" + a.title() + "” was held because the person who composed it is no longer on the"
                        + " programme team. It will go now, in the console's name, to the " + plural(o.status().pending(), "person", "people")
                        + " waiting for it. Read it first: you are sending it.");
                m.put("button", "Send it now");
            }
            default -> {
                m.put("heading", a.status() == Announcement.Status.HELD ? "Cancel this held announcement?" : "Cancel this scheduled announcement?");
                m.put("question", "“" + a.title() + "” will not be sent to the " + plural(o.status().pending(), "person", "people")
                        + " still waiting for it" + (a.sendAt() == null ? "." : " at " + UkTime.dateTime(a.sendAt()) + "."));
                m.put("button", "Cancel the announcement");
            }
        }
        return m;
    }

    Map<String, Object> confirmEdit(Announcement a, AnnouncementsConsoleController.ComposeForm form, int chats) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", a.id());
        m.put("title", a.title());
        m.put("kind", "edit");
        m.put("heading", "Save the changes?");
        m.put("question", chats == 0 ? "No copy has been delivered yet: copies still to go will carry the new text."
                : "The card will be updated in " + plural(chats, "chat", "chats")
                + " where it was delivered, marked as edited. People who acknowledged it stay acknowledged.");
        m.put("button", "Save and update the cards");
        m.put("action", "/console/announcements/" + a.id() + "/edit");
        m.put("back", "/console/announcements/" + a.id() + "/edit");
        m.put("backLabel", "Go back without saving");
        m.put("form", form);
        m.put("at", "");
        m.put("warning", false);
        return m;
    }

    Map<String, Object> announcement(ReportingAnnouncement.Overview o, Instant now, @Nullable String flash) {
        Announcement a = o.announcement();
        Map<String, Object> m = progress(a, o.status(), now);
        m.put("flash", flash);
        // not "title": the layout's fragment parameter of that name would hide it
        m.put("subject", a.title());
        m.put("body", a.body());
        m.put("linkTitle", a.linkTitle());
        m.put("linkUrl", a.linkUrl());
        m.put("askAck", a.askAcknowledgement());
        m.put("audience", describe(o.audience(), o.cohortNames()));
        m.put("created", UkTime.dateTime(a.createdAt()));
        m.put("isDraft", a.status() == Announcement.Status.DRAFT);
        m.put("canCancel", a.status() == Announcement.Status.SCHEDULED && a.sendAt() != null && a.sendAt().isAfter(now)
                || a.status() == Announcement.Status.HELD);
        m.put("held", a.status() == Announcement.Status.HELD);
        m.put("heldReason", HoldingAnnouncements.HELD_REASON);
        boolean live = a.status() == Announcement.Status.SENT || a.status() == Announcement.Status.SCHEDULED;
        m.put("canEdit", live);
        m.put("canRecall", live);
        m.put("canResend", live && o.status().failed() > 0);
        m.put("hasRecipients", !o.recipients().isEmpty());
        List<Map<String, String>> failed = new ArrayList<>();
        List<String> notAcknowledged = new ArrayList<>();
        for (ReportingAnnouncement.Recipient r : o.recipients()) {
            if ("FAILED".equals(r.status()) || "UNKNOWN".equals(r.status())) {
                failed.add(Map.of("name", r.name(), "status", "FAILED".equals(r.status()) ? "Failed" : "Unknown",
                        "reason", r.reason() == null ? ("UNKNOWN".equals(r.status())
                                ? "Teams did not say whether it arrived; it is not sent again, so nobody gets it twice" : "No reason given")
                                : r.reason()));
            }
            if ("SENT".equals(r.status()) && r.acknowledgedAt() == null) {
                notAcknowledged.add(r.name());
            }
        }
        m.put("failedRecipients", failed);
        m.put("notAcknowledged", notAcknowledged.stream().limit(100).toList());
        m.put("notAcknowledgedMore", Math.max(0, notAcknowledged.size() - 100));
        return m;
    }

    /** The delivery figures; {@code poll} is whether the page should ask again (something is on its way now). */
    Map<String, Object> progress(Announcement a, ReportingAnnouncement.Status s, Instant now) {
        Map<String, Object> m = new HashMap<>();
        boolean future = a.sendAt() != null && a.sendAt().isAfter(now);
        boolean live = a.status() == Announcement.Status.SENT || a.status() == Announcement.Status.SCHEDULED;
        m.put("id", a.id());
        m.put("state", state(a, now));
        m.put("stateClass", stateClass(a, now));
        m.put("when", when(a, now));
        m.put("total", s.total());
        m.put("sent", s.sent());
        m.put("pending", s.pending());
        m.put("failed", s.failed());
        m.put("unknown", s.unknown());
        m.put("cancelled", s.cancelled());
        m.put("reasons", s.failedByReason().entrySet().stream()
                .map(e -> Map.of("reason", e.getKey(), "count", e.getValue())).toList());
        m.put("poll", live && !future && s.pending() > 0);
        m.put("percent", s.total() == 0 ? 0 : Math.round(100.0f * s.sent() / s.total()));
        String headline;
        if (a.status() == Announcement.Status.DRAFT) {
            headline = "Not sent yet: this is a draft.";
        } else if (s.total() == 0) {
            headline = "Nobody was sent this announcement.";
        } else if (live && future) {
            headline = "Waiting to be sent to " + plural(s.pending(), "recipient", "recipients") + ".";
        } else if (s.pending() > 0 && live) {
            headline = "Sending: " + s.sent() + " of " + s.total() + " delivered so far.";
        } else if (s.sent() == s.total()) {
            headline = "Delivered to all " + plural(s.total(), "recipient", "recipients") + ".";
        } else {
            headline = "Delivered to " + s.sent() + " of " + plural(s.total(), "recipient", "recipients") + ".";
        }
        m.put("headline", headline);
        m.put("askAck", a.askAcknowledgement());
        m.put("acknowledged", s.acknowledged());
        m.put("ackPercent", s.sent() == 0 ? "–" : Math.round(100.0f * s.acknowledged() / s.sent()) + "%");
        return m;
    }

    static String state(Announcement a, Instant now) {
        return switch (a.status()) {
            case DRAFT -> "Draft";
            case SCHEDULED -> a.sendAt() != null && a.sendAt().isAfter(now) ? "Scheduled" : "Sent";
            case SENT -> "Sent";
            case CANCELLED -> "Cancelled";
            case DELETED -> "Recalled";
            case HELD -> "Held";
        };
    }

    private static String stateClass(Announcement a, Instant now) {
        return "tag tag--" + state(a, now).toLowerCase(java.util.Locale.ROOT);
    }

    private static String when(Announcement a, Instant now) {
        if (a.sendAt() == null) {
            return a.status() == Announcement.Status.DRAFT ? "Not sent" : "";
        }
        if (a.status() == Announcement.Status.HELD) {
            return "Due " + UkTime.dateTime(a.sendAt()) + ", not sent: its author is no longer on the programme team";
        }
        return (a.sendAt().isAfter(now) && a.status() == Announcement.Status.SCHEDULED ? "To be sent " : "Sent ")
                + UkTime.dateTime(a.sendAt());
    }

    private static String describe(Audience audience, List<String> cohortNames) {
        if (audience.kind() != Audience.Kind.SELECTION) {
            return switch (audience.kind()) {
                case ALL_PARTICIPANTS -> "All participants";
                case ALL_SPONSORS -> "All sponsors";
                case EMAILS -> plural(audience.emails().size(), "e-mail address", "e-mail addresses");
                case ROLE_IN_COHORTS -> audience.role().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + "s in " + String.join(", ", cohortNames);
                default -> "Participants and sponsors in " + String.join(", ", cohortNames);
            };
        }
        String who = audience.role() == null ? "Participants and their sponsors" : switch (audience.role()) {
            case PARTICIPANT -> "Participants";
            case SPONSOR -> "Sponsors of participants";
            case COACH -> "Coaches of participants";
            case PROGRAMME_TEAM -> "The programme team";
        };
        StringBuilder text = new StringBuilder(who).append(" in ").append(String.join(", ", cohortNames));
        if (audience.stream() != null) {
            text.append(", stream ").append(audience.stream().number());
        }
        if (audience.organisation() != null) {
            text.append(", at ").append(audience.organisation());
        }
        return text.toString();
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static Map<String, Object> option(Cohort c, @Nullable String chosen) {
        return Map.of("value", String.valueOf(c.id()), "label", c.name(),
                "selected", chosen != null && chosen.strip().equals(String.valueOf(c.id())));
    }

    private static List<Map<String, Object>> selected(List<Option> options, @Nullable String chosen) {
        String value = chosen == null ? "" : chosen.strip();
        return options.stream().map(o -> Map.<String, Object>of("value", o.value(), "label", o.label(),
                "selected", o.value().equalsIgnoreCase(value))).toList();
    }
}
