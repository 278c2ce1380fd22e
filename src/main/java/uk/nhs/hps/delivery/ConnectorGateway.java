package uk.nhs.hps.delivery;

import uk.nhs.hps.conversation.Reply;

/**
 * The Bot Connector as delivery sees it; implemented in the teams package. It takes where a message goes and
 * what it says; how the outbox stores messages ({@link Payloads}) is delivery's own business.
 */
public interface ConnectorGateway {

    SendResult send(Address address, Reply reply);

    SendResult update(Address address, String activityId, Reply reply);

    SendResult delete(Address address, String activityId);
}
