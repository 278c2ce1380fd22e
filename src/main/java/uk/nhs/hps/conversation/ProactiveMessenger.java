package uk.nhs.hps.conversation;

import java.util.List;

/**
 * Sends messages nobody asked for in this turn. Messages are queued in the delivery outbox, which sends them at
 * Teams' pace, retries what failed and never sends the same idempotency key twice. Features use
 * {@code delivery.Outbox} directly; this port remains only for {@code programmeteam}, which delivery depends on
 * (delivery → privacy → programmeteam) and so cannot import the outbox without a package cycle.
 */
public interface ProactiveMessenger {

    /** Queues replies for one Teams user; false when the bot has no chat with them. */
    boolean sendToTeamsUser(String idempotencyKey, String teamsUserId, List<Reply> replies);

    /** Queues replies for a roster person; false when there is no way to reach them. */
    boolean sendToPerson(String idempotencyKey, long personId, List<Reply> replies);
}
