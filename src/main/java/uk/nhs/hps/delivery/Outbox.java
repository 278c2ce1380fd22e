package uk.nhs.hps.delivery;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import uk.nhs.hps.conversation.Reply;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The one way out: features enqueue proactive messages here and the dispatcher delivers them. */
@Singleton
public class Outbox {

    /** A message to one person or one Teams identity, sent once per idempotency key. */
    public record Request(String idempotencyKey, Long personId, Long teamsIdentityId, Reply reply,
                          Instant notBefore, String campaign) {
        public static Request toPerson(String idempotencyKey, long personId, Reply reply) {
            return new Request(idempotencyKey, personId, null, reply, null, null);
        }

        public static Request toTeamsIdentity(String idempotencyKey, long teamsIdentityId, Reply reply) {
            return new Request(idempotencyKey, null, teamsIdentityId, reply, null, null);
        }

        public Request at(Instant when) {
            return new Request(idempotencyKey, personId, teamsIdentityId, reply, when, campaign);
        }

        public Request inCampaign(String name) {
            return new Request(idempotencyKey, personId, teamsIdentityId, reply, notBefore, name);
        }
    }

    /** How many requests were new; the rest had been enqueued before under the same key. */
    public record EnqueueResult(int added, int alreadyQueued) {
    }

    private final OutboxRepository outbox;
    private final Clock clock;

    Outbox(OutboxRepository outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public boolean enqueue(Request request) {
        return enqueueAll(List.of(request)).added() == 1;
    }

    /** All or nothing, in one transaction: a broadcast is never half-queued. */
    @Transactional
    public EnqueueResult enqueueAll(List<Request> requests) {
        Instant now = clock.instant();
        int added = 0;
        for (Request r : requests) {
            if (r.personId() == null && r.teamsIdentityId() == null) {
                throw new IllegalArgumentException("A message needs a person or a Teams identity to go to");
            }
            String payload = Payloads.toJson(r.reply());
            added += outbox.insertIfAbsent(r.idempotencyKey(), r.campaign(), r.personId(), r.teamsIdentityId(),
                    payload, r.notBefore() == null ? now : r.notBefore(), now);
        }
        return new EnqueueResult(added, requests.size() - added);
    }

    public Optional<OutboundMessage> find(String idempotencyKey) {
        return outbox.findByIdempotencyKey(idempotencyKey);
    }

    public List<OutboundMessage> campaign(String campaign) {
        return outbox.findByCampaign(campaign);
    }

    /** Messages not yet finished one way or the other (waiting, claimed or being sent). */
    public long countUnfinished() {
        return outbox.countByStatusIn(List.of(OutboundStatus.PENDING, OutboundStatus.CLAIMED, OutboundStatus.SENDING));
    }

    /** Stops everything in a campaign that has not gone yet. */
    public int cancelPending(String campaign) {
        return outbox.cancelPending(campaign, clock.instant());
    }
}
