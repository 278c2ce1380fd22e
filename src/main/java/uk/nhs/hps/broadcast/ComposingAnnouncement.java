package uk.nhs.hps.broadcast;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Conflict;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;
import uk.nhs.hps.people.SchemeTimeZone;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/** The programme team writes an announcement: checked, stored as a draft, and counted against its audience. */
@Singleton
public class ComposingAnnouncement {

    public record Draft(Announcement announcement, int recipients, List<String> unknownEmails) {
    }

    /** What an audience can be chosen from: the cohorts, and the organisations current participants work for. */
    public record Choices(List<Cohort> cohorts, List<String> organisations) {
    }

    /** A draft checked and saved, and when it is to go (null: now), for the send confirmation. */
    public record Prepared(Draft draft, @Nullable LocalDateTime sendAt) {
    }

    static final String DEFAULT_ZONE = SchemeTimeZone.NAME;

    private final AnnouncementRepository announcements;
    private final ResolvingAudience audiences;
    private final AnnouncementCards cards;
    private final CohortRepository cohorts;
    private final Access access;
    private final Clock clock;

    ComposingAnnouncement(AnnouncementRepository announcements, ResolvingAudience audiences, AnnouncementCards cards,
                          CohortRepository cohorts, Access access, Clock clock) {
        this.announcements = announcements;
        this.audiences = audiences;
        this.cards = cards;
        this.cohorts = cohorts;
        this.access = access;
        this.clock = clock;
    }

    public Draft draft(Long authorId, Announcement.Content content, Audience audience) {
        Broadcasters.require(access, authorId, "compose announcement");
        Announcement.Content checked = check(content);
        ResolvingAudience.Resolved resolved = resolve(audience);
        Instant now = clock.instant();
        Announcement saved = announcements.save(new Announcement(null, checked.title(), checked.body(), checked.imageUrl(),
                checked.linkTitle(), checked.linkUrl(), checked.askAcknowledgement(), audience.toJson(),
                Announcement.Status.DRAFT, null, DEFAULT_ZONE, authorId, now, now, 0));
        return new Draft(saved, resolved.personIds().size(), resolved.unknownEmails());
    }

    /**
     * The console's compose form: checks everything (content, audience and, when it is to be sent, that someone is in
     * it and that the time exists in UK time and is in the future) before anything is stored, then saves a new draft
     * or updates {@code draftId}, which must still be one.
     */
    @Transactional
    public Prepared prepare(Long authorId, @Nullable Long draftId, Announcement.Content content, Audience audience,
                            boolean toSend, @Nullable LocalDateTime sendAt) {
        Broadcasters.require(access, authorId, "compose announcement");
        Announcement.Content checked = check(content);
        ResolvingAudience.Resolved resolved = resolve(audience);
        if (toSend && resolved.personIds().isEmpty()) {
            throw new InvalidAnnouncement("audience", SendingAnnouncement.NOBODY);
        }
        Instant now = clock.instant();
        if (toSend && sendAt != null) {
            SendingAnnouncement.instantOf(sendAt, ZoneId.of(DEFAULT_ZONE), now);
        }
        Announcement saved;
        if (draftId == null) {
            saved = announcements.save(new Announcement(null, checked.title(), checked.body(), checked.imageUrl(),
                    checked.linkTitle(), checked.linkUrl(), checked.askAcknowledgement(), audience.toJson(),
                    Announcement.Status.DRAFT, null, DEFAULT_ZONE, authorId, now, now, 0));
        } else {
            Announcement a = announcements.findById(draftId).orElseThrow(() -> new NotFound("No announcement " + draftId + "."));
            if (a.status() != Announcement.Status.DRAFT) {
                throw new Conflict("This announcement has already been " + a.status().name().toLowerCase(Locale.ROOT)
                        + ", so the draft was not changed.");
            }
            Announcement revised = a.revised(checked, now);
            saved = announcements.update(new Announcement(revised.id(), revised.title(), revised.body(), revised.imageUrl(),
                    revised.linkTitle(), revised.linkUrl(), revised.askAcknowledgement(), audience.toJson(),
                    revised.status(), revised.sendAt(), revised.timeZone(), revised.createdBy(), revised.createdAt(),
                    revised.updatedAt(), revised.revision()));
        }
        return new Prepared(new Draft(saved, resolved.personIds().size(), resolved.unknownEmails()), sendAt);
    }

    /** A new draft with a past announcement's text and audience, to adjust and send again. */
    public Draft duplicate(Long authorId, long announcementId) {
        Broadcasters.require(access, authorId, "duplicate announcement");
        Announcement a = announcements.findById(announcementId)
                .orElseThrow(() -> new NotFound("No announcement " + announcementId + "."));
        Instant now = clock.instant();
        Announcement copy = announcements.save(new Announcement(null, a.title(), a.body(), a.imageUrl(), a.linkTitle(),
                a.linkUrl(), a.askAcknowledgement(), a.audience(), Announcement.Status.DRAFT, null, DEFAULT_ZONE, authorId,
                now, now, 0));
        ResolvingAudience.Resolved resolved = audiences.resolve(Audience.fromJson(a.audience()));
        return new Draft(copy, resolved.personIds().size(), resolved.unknownEmails());
    }

    /** How many people the audience names today (the compose form's live count). */
    public int count(Long actorId, Audience audience) {
        Broadcasters.require(access, actorId, "count announcement audience");
        return resolve(audience).personIds().size();
    }

    public Choices choices(Long actorId) {
        Broadcasters.require(access, actorId, "announcement audience choices");
        return new Choices(cohorts.listOrderByStartsOn(), audiences.organisations());
    }

    /**
     * The card JSON recipients would get for what has been typed so far, for the console's live preview: the very
     * card the bot sends. Nothing is checked or stored; an empty title or text shows a placeholder.
     */
    public String previewCard(Long actorId, Announcement.Content content) {
        Broadcasters.require(access, actorId, "preview announcement");
        String title = content.title() == null || content.title().isBlank() ? "Your title" : content.title().strip();
        String body = content.body() == null || content.body().isBlank() ? "Your text appears here." : content.body().strip();
        String link = content.linkUrl() == null || content.linkUrl().isBlank() ? null : content.linkUrl().strip();
        String linkTitle = content.linkTitle() == null || content.linkTitle().isBlank() ? null : content.linkTitle().strip();
        Announcement.Content shown = new Announcement.Content(title, body, null, linkTitle, link, content.askAcknowledgement());
        return ((Reply.Card) cards.forRecipient(0, shown)).json();
    }

    private ResolvingAudience.Resolved resolve(Audience audience) {
        for (Long cohortId : audience.cohortIds()) {
            if (cohortId == null || !cohorts.existsById(cohortId)) {
                throw new InvalidAnnouncement("audience", "There is no cohort " + cohortId + "; choose one from the list.");
            }
        }
        return audiences.resolve(audience);
    }

    /** Validates what recipients would see; the rendered card must fit Teams' message size. */
    Announcement.Content check(Announcement.Content content) {
        String title = trimmed(content.title());
        String body = trimmed(content.body());
        if (title == null) {
            throw new InvalidAnnouncement("title", "The announcement needs a title.");
        }
        if (title.length() > 200) {
            throw new InvalidAnnouncement("title", "The title is " + title.length() + " characters; keep it to 200.");
        }
        if (body == null) {
            throw new InvalidAnnouncement("body", "The announcement needs some text in its body.");
        }
        String image = url(content.imageUrl(), "image URL", "imageUrl");
        String link = url(content.linkUrl(), "link URL", "linkUrl");
        String linkTitle = trimmed(content.linkTitle());
        if (linkTitle != null && linkTitle.length() > 100) {
            throw new InvalidAnnouncement("linkTitle", "The link button's title is too long; keep it to 100 characters.");
        }
        if (linkTitle != null && link == null) {
            throw new InvalidAnnouncement("linkUrl", "The link button needs a link URL.");
        }
        Announcement.Content checked = new Announcement.Content(title, body, image, linkTitle, link, content.askAcknowledgement());
        cards.forRecipient(0, checked); // refuses anything over Teams' 80 KB
        return checked;
    }

    private static String url(String value, String field, String name) {
        String url = trimmed(value);
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || url.length() > 1000) {
                throw new InvalidAnnouncement(name, "The " + field + " must be a full https:// address.");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new InvalidAnnouncement(name, "The " + field + " is not a valid web address.");
        }
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
