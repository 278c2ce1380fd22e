package uk.nhs.hps.broadcast;

import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.people.SchemeTimeZone;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The programme team writes an announcement: checked, stored as a draft, and counted against its audience. */
@Singleton
public class ComposingAnnouncement {

    public record Draft(Announcement announcement, int recipients, List<String> unknownEmails) {
    }

    static final String DEFAULT_ZONE = SchemeTimeZone.NAME;

    private final AnnouncementRepository announcements;
    private final ResolvingAudience audiences;
    private final AnnouncementCards cards;
    private final Access access;
    private final Clock clock;

    ComposingAnnouncement(AnnouncementRepository announcements, ResolvingAudience audiences, AnnouncementCards cards,
                          Access access, Clock clock) {
        this.announcements = announcements;
        this.audiences = audiences;
        this.cards = cards;
        this.access = access;
        this.clock = clock;
    }

    public Draft draft(Long authorId, Announcement.Content content, Audience audience) {
        Broadcasters.require(access, authorId, "compose announcement");
        Announcement.Content checked = check(content);
        ResolvingAudience.Resolved resolved = audiences.resolve(audience);
        Instant now = clock.instant();
        Announcement saved = announcements.save(new Announcement(null, checked.title(), checked.body(), checked.imageUrl(),
                checked.linkTitle(), checked.linkUrl(), checked.askAcknowledgement(), audience.toJson(),
                Announcement.Status.DRAFT, null, DEFAULT_ZONE, authorId, now, now, 0));
        return new Draft(saved, resolved.personIds().size(), resolved.unknownEmails());
    }

    /** Validates what recipients would see; the rendered card must fit Teams' message size. */
    Announcement.Content check(Announcement.Content content) {
        String title = trimmed(content.title());
        String body = trimmed(content.body());
        if (title == null) {
            throw new InvalidRequest("The announcement needs a title.");
        }
        if (title.length() > 200) {
            throw new InvalidRequest("The title is " + title.length() + " characters; keep it to 200.");
        }
        if (body == null) {
            throw new InvalidRequest("The announcement needs some text in its body.");
        }
        String image = url(content.imageUrl(), "image URL");
        String link = url(content.linkUrl(), "link URL");
        String linkTitle = trimmed(content.linkTitle());
        if (linkTitle != null && linkTitle.length() > 100) {
            throw new InvalidRequest("The link button's title is too long; keep it to 100 characters.");
        }
        if (linkTitle != null && link == null) {
            throw new InvalidRequest("The link button needs a link URL.");
        }
        Announcement.Content checked = new Announcement.Content(title, body, image, linkTitle, link, content.askAcknowledgement());
        cards.forRecipient(0, checked); // refuses anything over Teams' 80 KB
        return checked;
    }

    private static String url(String value, String field) {
        String url = trimmed(value);
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || url.length() > 1000) {
                throw new InvalidRequest("The " + field + " must be a full https:// address.");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("The " + field + " is not a valid web address.");
        }
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
