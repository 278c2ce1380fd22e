package uk.nhs.hps.conversation;

import java.util.List;

/**
 * Sends messages nobody asked for in this turn (an answer from the programme team, a notification), using
 * the conversation reference stored when the person last talked to the bot. Implemented in {@code teams}.
 * Until the delivery outbox exists, sends happen directly and a failure is reported, not retried.
 */
public interface ProactiveMessenger {

    /** Sends to one Teams user; true if the Bot Connector accepted every reply. */
    boolean sendToTeamsUser(String teamsUserId, List<Reply> replies);

    /** Sends to every Teams identity linked to a roster person; the number of identities reached. */
    int sendToPerson(long personId, List<Reply> replies);
}
