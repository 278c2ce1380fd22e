package uk.nhs.hps.delivery;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import uk.nhs.hps.conversation.Reply;

import java.time.Clock;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    private static final int BATCH = 500;
    private static final String INSERT_IF_ABSENT = """
            INSERT INTO outbound_message (idempotency_key, campaign, person_id, teams_identity_id, payload, not_before,
                                          status, attempts, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?) ON CONFLICT DO NOTHING""";

    private final OutboxRepository outbox;
    private final JdbcOperations jdbc;
    private final AddressBook addresses;
    private final Clock clock;

    Outbox(OutboxRepository outbox, JdbcOperations jdbc, AddressBook addresses, Clock clock) {
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.addresses = addresses;
        this.clock = clock;
    }

    public boolean enqueue(Request request) {
        return enqueueAll(List.of(request)).added() == 1;
    }

    /**
     * Queues a message only if the bot can reach its recipient, so that a notice to someone who cannot be reached is
     * not queued to fail (and be reported as unreachable in turn). True when reachable, whether or not the key was new.
     */
    public boolean enqueueIfReachable(Request request) {
        if (request.personId() != null && !addresses.canReach(request.personId())) {
            return false;
        }
        enqueue(request);
        return true;
    }

    /**
     * All or nothing, in one transaction, in JDBC batches: a broadcast is never half-queued, and ten
     * thousand rows cost a few round trips rather than ten thousand.
     */
    @Transactional
    public EnqueueResult enqueueAll(List<Request> requests) {
        Instant now = clock.instant();
        for (Request r : requests) {
            if (r.personId() == null && r.teamsIdentityId() == null) {
                throw new IllegalArgumentException("A message needs a person or a Teams identity to go to");
            }
        }
        int added = 0;
        for (int from = 0; from < requests.size(); from += BATCH) {
            List<Request> batch = requests.subList(from, Math.min(requests.size(), from + BATCH));
            added += jdbc.prepareStatement(INSERT_IF_ABSENT, statement -> {
                for (Request r : batch) {
                    statement.setString(1, r.idempotencyKey());
                    statement.setString(2, r.campaign());
                    setLongOrNull(statement, 3, r.personId());
                    setLongOrNull(statement, 4, r.teamsIdentityId());
                    statement.setString(5, Payloads.toJson(r.reply()));
                    statement.setObject(6, (r.notBefore() == null ? now : r.notBefore()).atOffset(ZoneOffset.UTC));
                    statement.setObject(7, now.atOffset(ZoneOffset.UTC));
                    statement.setObject(8, now.atOffset(ZoneOffset.UTC));
                    statement.addBatch();
                }
                int inserted = 0;
                for (int count : statement.executeBatch()) {
                    // drivers may report SUCCESS_NO_INFO (-2) for a row they inserted
                    inserted += count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(count, 0);
                }
                return inserted;
            });
        }
        return new EnqueueResult(added, requests.size() - added);
    }

    private static void setLongOrNull(java.sql.PreparedStatement statement, int index, Long value) throws java.sql.SQLException {
        if (value == null) {
            statement.setNull(index, java.sql.Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    public Optional<OutboundMessage> find(String idempotencyKey) {
        return outbox.findByIdempotencyKey(idempotencyKey);
    }

    public List<OutboundMessage> campaign(String campaign) {
        return outbox.findByCampaign(campaign);
    }

    /** The keys ever enqueued in these campaigns, whatever became of them: a key here is never enqueued again. */
    public Set<String> queuedKeys(Collection<String> campaigns) {
        return new HashSet<>(outbox.findIdempotencyKeyByCampaignIn(campaigns));
    }

    /** Messages not yet finished one way or the other (waiting, claimed or being sent). */
    public long countUnfinished() {
        return outbox.countByStatusIn(List.of(OutboundStatus.PENDING, OutboundStatus.CLAIMED, OutboundStatus.SENDING));
    }

    /** Stops everything in a campaign that has not gone yet (held copies too). */
    public int cancelPending(String campaign) {
        return outbox.cancelPending(campaign, clock.instant());
    }

    /** Sets a campaign's waiting copies aside (HELD): no dispatcher sends them until they are released. */
    public int hold(String campaign) {
        return outbox.hold(campaign, clock.instant());
    }

    /** Lets a campaign's held copies go now. */
    public int release(String campaign) {
        return outbox.release(campaign, clock.instant());
    }
}
