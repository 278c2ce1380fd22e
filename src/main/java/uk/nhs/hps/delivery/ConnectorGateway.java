package uk.nhs.hps.delivery;

/** The Bot Connector as delivery sees it; implemented in the teams package. */
public interface ConnectorGateway {

    SendResult send(Address address, String payloadJson);

    SendResult update(Address address, String activityId, String payloadJson);

    SendResult delete(Address address, String activityId);
}
