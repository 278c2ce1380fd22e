package uk.nhs.hps.broadcast;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Conflict;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.delivery.DueCampaigns;
import uk.nhs.hps.delivery.Outbox;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;

/**
 * A scheduled announcement goes out in its author's name, so when it comes due and its author is no longer on the
 * programme team it is held (HELD, its copies set aside in the outbox) instead of sent; a current member then sends
 * it or cancels it. Checked by every dispatch pass before it claims anything, on every instance: the conditional
 * status move decides which instance holds it.
 */
@Singleton
public class HoldingAnnouncements implements DueCampaigns {

    /** Why an announcement is held, in the words the console and the admin API show. */
    public static final String HELD_REASON = "Held when it came due: the person who composed it is no longer on the"
            + " programme team, so it was not sent. A current member of the programme team can send it now or cancel it.";
    static final String HELD = "ANNOUNCEMENT_HELD";
    static final String RELEASED = "ANNOUNCEMENT_RELEASED";
    private static final Logger LOG = LoggerFactory.getLogger(HoldingAnnouncements.class);

    /** What sending a held announcement did: how many copies were let go. */
    @io.micronaut.serde.annotation.Serdeable
    public record Released(long announcementId, int released) {
    }

    private final AnnouncementRepository announcements;
    private final Outbox outbox;
    private final Access access;
    private final AuditLog audit;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    HoldingAnnouncements(AnnouncementRepository announcements, Outbox outbox, Access access, AuditLog audit,
                         TransactionOperations<Connection> transactions, Clock clock) {
        this.announcements = announcements;
        this.outbox = outbox;
        this.access = access;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void beforeDispatch(Instant now) {
        for (Announcement a : announcements.findDueWithCopiesWaiting(now)) {
            // a null author is the development token's (dev only), which has no membership to lose
            if (a.createdBy() == null || access.isProgrammeTeam(a.createdBy())) {
                continue;
            }
            transactions.executeWrite(status -> {
                if (announcements.moveStatus(a.id(), Announcement.Status.SCHEDULED, Announcement.Status.HELD, a.sendAt(), now) == 1) {
                    int held = outbox.hold(a.campaign());
                    audit.record("system", HELD, null, "Announcement " + a.id() + " held when it came due, " + held
                            + " copies not sent: its author (" + AuditLog.person(a.createdBy()) + ") is no longer on the programme team.");
                    LOG.info("Announcement {} held: its author is no longer on the programme team", a.id());
                }
                return null;
            });
        }
    }

    /** Sends a held announcement now, in a current member's hands; a second press finds it no longer held. */
    public Released send(long announcementId, Long actorId) {
        Broadcasters.require(access, actorId, "send held announcement");
        Announcement a = announcements.findById(announcementId).orElseThrow(() -> new NotFound("No announcement " + announcementId + "."));
        Instant now = clock.instant();
        return transactions.executeWrite(status -> {
            // SENT, not SCHEDULED: released by a current member, it is not held again for its author
            if (announcements.moveStatus(a.id(), Announcement.Status.HELD, Announcement.Status.SENT, now, now) != 1) {
                throw new Conflict("Announcement " + a.id() + " is not held (it has been sent or cancelled already).");
            }
            int released = outbox.release(a.campaign());
            audit.record(actorId == null ? "dev-token" : AuditLog.person(actorId), RELEASED, null,
                    "Held announcement " + a.id() + " sent: " + released + " copies released.");
            return new Released(a.id(), released);
        });
    }
}
