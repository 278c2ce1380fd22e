package uk.nhs.hps.delivery;

import jakarta.inject.Singleton;
import uk.nhs.hps.conversation.Reply;

import java.util.List;
import java.util.function.Function;

/**
 * Edits or removes messages already delivered in a campaign (e.g. a corrected announcement), in each
 * recipient's chat, at the same pace as sending.
 */
@Singleton
public class RevisingSentMessages {

    /** How many delivered messages were changed, and how many could not be. */
    public record Result(int changed, int failed) {
    }

    private final OutboxRepository outbox;
    private final AddressBook addresses;
    private final ConnectorGateway gateway;
    private final Pacer pacer;

    RevisingSentMessages(OutboxRepository outbox, AddressBook addresses, ConnectorGateway gateway, Pacer pacer) {
        this.outbox = outbox;
        this.addresses = addresses;
        this.gateway = gateway;
        this.pacer = pacer;
    }

    /** Replaces each delivered message with what {@code revised} gives for its recipient (person id). */
    public Result update(String campaign, Function<Long, Reply> revised) {
        return forEachDelivered(campaign, (message, address) ->
                gateway.update(address, message.activityId(), revised.apply(message.personId())));
    }

    /** Deletes each delivered message from its chat. */
    public Result delete(String campaign) {
        return forEachDelivered(campaign, (message, address) -> gateway.delete(address, message.activityId()));
    }

    private Result forEachDelivered(String campaign, java.util.function.BiFunction<OutboundMessage, Address, SendResult> change) {
        int changed = 0;
        int failed = 0;
        List<OutboundMessage> delivered = outbox.findByCampaign(campaign).stream()
                .filter(m -> m.status() == OutboundStatus.SENT && m.activityId() != null).toList();
        for (OutboundMessage message : delivered) {
            var address = addresses.resolve(message)
                    .map(a -> new Address(a.serviceUrl(), message.conversationId() != null ? message.conversationId()
                            : a.conversationId(), a.tenantId(), a.aadObjectId(), a.teamsUserId()));
            if (address.isEmpty() || address.get().conversationId() == null) {
                failed++;
                continue;
            }
            pacer.acquire(address.get().conversationId());
            if (change.apply(message, address.get()) instanceof SendResult.Sent) {
                changed++;
            } else {
                failed++;
            }
        }
        return new Result(changed, failed);
    }
}
