package uk.nhs.hps.conversation;

import java.util.List;

/**
 * Sends messages nobody asked for in this turn (an answer from the programme team, a notification).
 * Messages are queued in the delivery outbox, which sends them at Teams' pace, retries what failed and
 * never sends the same idempotency key twice.
 */
public interface ProactiveMessenger {

    /** Queues replies for one Teams user; false when the bot has no chat with them. */
    boolean sendToTeamsUser(String idempotencyKey, String teamsUserId, List<Reply> replies);

    /** Queues replies for a roster person; false when there is no way to reach them. */
    boolean sendToPerson(String idempotencyKey, long personId, List<Reply> replies);
}
