package uk.nhs.hps.broadcast;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Conflict;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.delivery.Outbox;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Previews an announcement to its author, then sends it now or at a local date and time. */
@Singleton
public class SendingAnnouncement {

    /** What was queued, and when it goes, in the words the confirmation shows. */
    @io.micronaut.serde.annotation.Serdeable
    public record Scheduled(long announcementId, int recipients, Instant sendAt, String when, List<String> unknownEmails) {
    }

    static final String NOBODY = "Nobody is in this audience today, so nothing was sent. Check the cohorts or e-mails chosen.";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.UK);

    private final AnnouncementRepository announcements;
    private final ResolvingAudience audiences;
    private final AnnouncementCards cards;
    private final Outbox outbox;
    private final Access access;
    private final Clock clock;

    SendingAnnouncement(AnnouncementRepository announcements, ResolvingAudience audiences, AnnouncementCards cards,
                        Outbox outbox, Access access, Clock clock) {
        this.announcements = announcements;
        this.audiences = audiences;
        this.cards = cards;
        this.outbox = outbox;
        this.access = access;
        this.clock = clock;
    }

    /** Sends the announcement, exactly as recipients will see it, to the author alone. */
    public void preview(long announcementId, Long actorId) {
        Broadcasters.require(access, actorId, "preview announcement");
        if (actorId == null) {
            throw new InvalidRequest("A preview goes to your own Teams chat; the development token has none.");
        }
        Announcement a = find(announcementId);
        outbox.enqueue(Outbox.Request.toPerson("announcement:" + a.id() + ":preview:" + a.revision() + ":"
                        + actorId + ":" + clock.millis(), actorId,
                cards.forRecipient(a.id(), a.content(), false, "Preview: only you can see this.")));
    }

    /**
     * Queues one copy per recipient. {@code localTime} null means now; otherwise it is read in
     * {@code zone} (Europe/London by default) and must exist there and be in the future.
     */
    @Transactional
    public Scheduled send(long announcementId, Long actorId, @Nullable LocalDateTime localTime, @Nullable String zone) {
        Broadcasters.require(access, actorId, "send announcement");
        Announcement a = find(announcementId);
        if (a.status() != Announcement.Status.DRAFT) {
            throw new Conflict("Announcement " + a.id() + " has already been " + a.status().name().toLowerCase(Locale.ROOT)
                    + "; compose a new one or edit it instead.");
        }
        ZoneId zoneId = zone(zone);
        Instant now = clock.instant();
        Instant sendAt = localTime == null ? now : instantOf(localTime, zoneId, now);
        ResolvingAudience.Resolved resolved = audiences.resolve(Audience.fromJson(a.audience()));
        if (resolved.personIds().isEmpty()) {
            throw new InvalidAnnouncement("audience", NOBODY);
        }
        List<Outbox.Request> copies = new ArrayList<>();
        for (Long personId : resolved.personIds()) {
            copies.add(Outbox.Request.toPerson("announcement:" + a.id() + ":" + personId, personId,
                    cards.forRecipient(a.id(), a.content())).at(sendAt).inCampaign(a.campaign()));
        }
        outbox.enqueueAll(copies);
        Announcement.Status status = sendAt.isAfter(now) ? Announcement.Status.SCHEDULED : Announcement.Status.SENT;
        announcements.update(new Announcement(a.id(), a.title(), a.body(), a.imageUrl(), a.linkTitle(), a.linkUrl(),
                a.askAcknowledgement(), a.audience(), status, sendAt, zoneId.getId(), a.createdBy(), a.createdAt(), now,
                a.revision()));
        String when = localTime == null ? "now" : SHOWN.format(sendAt.atZone(zoneId)) + " " + zoneId.getId()
                + " (" + DateTimeFormatter.ofPattern("HH:mm 'UTC'").format(sendAt.atOffset(ZoneOffset.UTC)) + ")";
        return new Scheduled(a.id(), resolved.personIds().size(), sendAt, when, resolved.unknownEmails());
    }

    static Instant instantOf(LocalDateTime local, ZoneId zone, Instant now) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            throw new InvalidAnnouncement("sendAt", SHOWN.format(local) + " does not exist in " + zone.getId()
                    + ": the clocks go forward that night. Choose a time after the change.");
        }
        // In the autumn hour that happens twice, the earlier (summer time) one is meant.
        Instant instant = ZonedDateTime.ofLocal(local, zone, offsets.get(0)).toInstant();
        if (!instant.isAfter(now)) {
            throw new InvalidAnnouncement("sendAt", SHOWN.format(local) + " " + zone.getId() + " is in the past; choose a later time or send now.");
        }
        return instant;
    }

    private static ZoneId zone(String zone) {
        if (zone == null || zone.isBlank()) {
            return ZoneId.of(ComposingAnnouncement.DEFAULT_ZONE);
        }
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new InvalidRequest("Unknown time zone '" + zone + "'; use a name such as Europe/London.");
        }
    }

    private Announcement find(long id) {
        return announcements.findById(id).orElseThrow(() -> new NotFound("No announcement " + id + "."));
    }
}
