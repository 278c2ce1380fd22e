package uk.nhs.hps.broadcast;

import jakarta.inject.Singleton;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.delivery.Outbox;

import java.time.Clock;
import java.util.Optional;

/** A recipient presses Acknowledge: recorded once, and their card now says so. */
@Singleton
public class AcknowledgingAnnouncement {

    private final AnnouncementRepository announcements;
    private final Acknowledgement.Repository acknowledgements;
    private final AnnouncementCards cards;
    private final Outbox outbox;
    private final Clock clock;

    AcknowledgingAnnouncement(AnnouncementRepository announcements, Acknowledgement.Repository acknowledgements,
                              AnnouncementCards cards, Outbox outbox, Clock clock) {
        this.announcements = announcements;
        this.acknowledgements = acknowledgements;
        this.cards = cards;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The refreshed card, or empty when this person was never sent this announcement. */
    public Optional<Reply> acknowledge(long announcementId, long personId) {
        Optional<Announcement> announcement = announcements.findById(announcementId)
                .filter(a -> a.askAcknowledgement() && a.status() != Announcement.Status.DELETED);
        boolean recipient = announcement.isPresent()
                && outbox.find("announcement:" + announcementId + ":" + personId).isPresent();
        if (!recipient) {
            return Optional.empty();
        }
        acknowledgements.insertIfAbsent(announcementId, personId, clock.instant());
        return Optional.of(cards.forRecipient(announcementId, announcement.get().content(), true,
                "From the High Potential Scheme programme team"));
    }
}
