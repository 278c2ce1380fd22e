package uk.nhs.hps.broadcast;

import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Conflict;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.delivery.OutboundMessage;
import uk.nhs.hps.delivery.OutboundStatus;
import uk.nhs.hps.delivery.Outbox;
import uk.nhs.hps.delivery.RevisingSentMessages;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** After composing: cancel what has not gone, resend what failed, correct or withdraw what was delivered. */
@Singleton
public class RevisingAnnouncement {

    @io.micronaut.serde.annotation.Serdeable
    public record Outcome(long announcementId, int cancelled, int requeued, int changedInChats, int couldNotChange) {
    }

    private final AnnouncementRepository announcements;
    private final Acknowledgement.Repository acknowledgements;
    private final ComposingAnnouncement composing;
    private final AnnouncementCards cards;
    private final Outbox outbox;
    private final RevisingSentMessages sent;
    private final Access access;
    private final Clock clock;

    RevisingAnnouncement(AnnouncementRepository announcements, Acknowledgement.Repository acknowledgements,
                         ComposingAnnouncement composing, AnnouncementCards cards, Outbox outbox,
                         RevisingSentMessages sent, Access access, Clock clock) {
        this.announcements = announcements;
        this.acknowledgements = acknowledgements;
        this.composing = composing;
        this.cards = cards;
        this.outbox = outbox;
        this.sent = sent;
        this.access = access;
        this.clock = clock;
    }

    /** Stops every copy not yet sent; copies already delivered stay. */
    public Outcome cancel(long announcementId, Long actorId) {
        Broadcasters.require(access, actorId, "cancel announcement");
        Announcement a = find(announcementId);
        int cancelled = outbox.cancelPending(a.campaign());
        if (a.status() == Announcement.Status.SCHEDULED || a.status() == Announcement.Status.DRAFT
                || a.status() == Announcement.Status.HELD) {
            announcements.update(a.withStatus(Announcement.Status.CANCELLED, a.sendAt(), clock.instant()));
        }
        return new Outcome(a.id(), cancelled, 0, 0, 0);
    }

    /** Queues a fresh copy for every recipient whose copy failed (their old row keeps its history). */
    public Outcome resendFailed(long announcementId, Long actorId) {
        Broadcasters.require(access, actorId, "resend announcement");
        Announcement a = find(announcementId);
        if (a.status() == Announcement.Status.CANCELLED || a.status() == Announcement.Status.DELETED) {
            throw new Conflict("Announcement " + a.id() + " was " + a.status().name().toLowerCase() + "; nothing to resend.");
        }
        Instant now = clock.instant();
        List<Outbox.Request> again = new ArrayList<>();
        for (OutboundMessage failed : ReportingAnnouncement.latestPerRecipient(outbox.campaign(a.campaign()))) {
            if (failed.status() == OutboundStatus.FAILED) {
                again.add(Outbox.Request.toPerson("announcement:" + a.id() + ":" + failed.personId() + ":resend:" + now.toEpochMilli(),
                        failed.personId(), cards.forRecipient(a.id(), a.content())).inCampaign(a.campaign()));
            }
        }
        return new Outcome(a.id(), 0, outbox.enqueueAll(again).added(), 0, 0);
    }

    /** Before an edit is confirmed: the corrected text is checked (nothing stored); how many chats it would change. */
    public int checkEdit(long announcementId, Long actorId, Announcement.Content content) {
        Broadcasters.require(access, actorId, "edit announcement");
        Announcement a = find(announcementId);
        if (a.status() == Announcement.Status.DELETED) {
            throw new Conflict("Announcement " + a.id() + " was recalled; compose a new one.");
        }
        composing.check(content);
        return (int) ReportingAnnouncement.latestPerRecipient(outbox.campaign(a.campaign())).stream()
                .filter(m -> m.status() == OutboundStatus.SENT).count();
    }

    /** Corrects the text; copies already in chats are updated in place, keeping each person's acknowledgement. */
    public Outcome edit(long announcementId, Long actorId, Announcement.Content content) {
        Broadcasters.require(access, actorId, "edit announcement");
        Announcement a = find(announcementId);
        if (a.status() == Announcement.Status.DELETED) {
            throw new Conflict("Announcement " + a.id() + " was deleted; compose a new one.");
        }
        Announcement revised = announcements.update(a.revised(composing.check(content), clock.instant()));
        if (a.status() == Announcement.Status.DRAFT) {
            return new Outcome(a.id(), 0, 0, 0, 0);
        }
        // copies still waiting go out with the new text
        int cancelled = outbox.cancelPending(a.campaign());
        List<Outbox.Request> waiting = new ArrayList<>();
        for (OutboundMessage m : outbox.campaign(a.campaign())) {
            if (m.status() == OutboundStatus.CANCELLED && m.sentAt() == null && a.status() != Announcement.Status.CANCELLED) {
                waiting.add(Outbox.Request.toPerson(m.idempotencyKey() + ":r" + revised.revision(), m.personId(),
                        cards.forRecipient(a.id(), revised.content())).at(m.notBefore()).inCampaign(a.campaign()));
            }
        }
        int requeued = outbox.enqueueAll(waiting).added();
        RevisingSentMessages.Result changed = sent.update(a.campaign(), personId -> cards.forRecipient(a.id(),
                revised.content(), acknowledgements.existsByAnnouncementIdAndPersonId(a.id(), personId),
                "From the High Potential Scheme programme team (edited)"));
        return new Outcome(a.id(), cancelled - requeued, requeued, changed.changed(), changed.failed());
    }

    /** Withdraws the announcement: nothing more is sent and delivered copies are removed from chats. */
    public Outcome delete(long announcementId, Long actorId) {
        Broadcasters.require(access, actorId, "delete announcement");
        Announcement a = find(announcementId);
        int cancelled = outbox.cancelPending(a.campaign());
        RevisingSentMessages.Result removed = sent.delete(a.campaign());
        announcements.update(a.withStatus(Announcement.Status.DELETED, a.sendAt(), clock.instant()));
        return new Outcome(a.id(), cancelled, 0, removed.changed(), removed.failed());
    }

    private Announcement find(long id) {
        return announcements.findById(id).orElseThrow(() -> new NotFound("No announcement " + id + "."));
    }
}
