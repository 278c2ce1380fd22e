package uk.nhs.hps.delivery;

/** Where an outbound message is in its life. */
public enum OutboundStatus {
    /** Waiting to be sent at or after its not-before time. */
    PENDING,
    /** Taken by a dispatcher, not yet written to the connector: safe to hand back if the dispatcher dies. */
    CLAIMED,
    /** The request is being written: if the dispatcher dies now, nobody can know whether it arrived. */
    SENDING,
    SENT,
    /** Will never be delivered; {@code last_error} says why in words a person understands. */
    FAILED,
    /** The connector may or may not have received it; not retried, so never sent twice. */
    UNKNOWN,
    CANCELLED,
    /**
     * Set aside when it came due by the feature that queued it ({@link DueCampaigns}: an announcement whose author is
     * no longer on the programme team); that feature releases it (back to PENDING) or cancels it.
     */
    HELD
}
