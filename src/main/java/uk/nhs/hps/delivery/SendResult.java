package uk.nhs.hps.delivery;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/** What the connector made of one send. */
public sealed interface SendResult {

    /** Delivered; {@code created} is set when the gateway had to create the 1:1 chat first. */
    record Sent(String activityId, @Nullable CreatedConversation created) implements SendResult {
    }

    /** A 1:1 chat the gateway created, to be remembered for next time. */
    record CreatedConversation(String serviceUrl, String conversationId, String referenceJson) {
    }

    /**
     * Not delivered, worth trying again. {@code retryAfter} is the connector's Retry-After, if it gave
     * one; {@code throttled} means the whole app must slow down (HTTP 429).
     */
    record Retry(String reason, @Nullable Duration retryAfter, boolean throttled) implements SendResult {
    }

    /** Will never be delivered (app uninstalled, user gone, bad request). */
    record Permanent(String reason) implements SendResult {
    }

    /** The request was written but no answer came: it may have arrived. */
    record Unknown(String reason) implements SendResult {
    }
}
