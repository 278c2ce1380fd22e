package uk.nhs.hps.teams;

import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.connector.rest.ErrorResponseException;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ErrorResponse;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationParameters;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.ConversationResourceResponse;
import com.microsoft.bot.schema.ResourceResponse;
import com.microsoft.bot.schema.Serialization;
import com.microsoft.bot.schema.teams.TeamsChannelData;
import com.microsoft.bot.schema.teams.TenantInfo;
import jakarta.inject.Singleton;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.delivery.Address;
import uk.nhs.hps.delivery.ConnectorGateway;
import uk.nhs.hps.delivery.SendResult;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Sends outbox messages to the Bot Connector and translates every way that can go wrong into a
 * {@link SendResult} the dispatcher can act on.
 */
@Singleton
class TeamsConnectorGateway implements ConnectorGateway {

    private static final Set<Integer> RETRYABLE = Set.of(412, 429, 500, 502, 503, 504);

    private final ConnectorClients clients;
    private final TeamsSettings settings;

    TeamsConnectorGateway(ConnectorClients clients, TeamsSettings settings) {
        this.clients = clients;
        this.settings = settings;
    }

    @Override
    public SendResult send(Address address, Reply reply) {
        Activity activity = TeamsBot.toActivity(reply);
        if (address.conversationId() != null) {
            return call(() -> {
                ResourceResponse sent = client(address).getConversations()
                        .sendToConversation(address.conversationId(), activity).join();
                return new SendResult.Sent(sent == null ? null : sent.getId(), null);
            });
        }
        if (address.aadObjectId() == null) {
            return new SendResult.Permanent("No Teams chat and no Azure AD id for this person, so they cannot be reached.");
        }
        String serviceUrl = serviceUrl(address);
        String tenant = address.tenantId() != null ? address.tenantId() : settings.appTenantId();
        return call(() -> {
            ConnectorClient client = client(address);
            ConversationResourceResponse created = client.getConversations()
                    .createConversation(conversationFor(address.aadObjectId(), tenant)).join();
            String conversationId = created.getId();
            ResourceResponse sent = client.getConversations().sendToConversation(conversationId, activity).join();
            String reference = Serialization.toStringSilent(reference(serviceUrl, conversationId, address.aadObjectId(), tenant));
            return new SendResult.Sent(sent == null ? null : sent.getId(),
                    new SendResult.CreatedConversation(serviceUrl, conversationId, reference));
        });
    }

    @Override
    public SendResult update(Address address, String activityId, Reply reply) {
        Activity activity = TeamsBot.toActivity(reply);
        activity.setId(activityId);
        activity.setConversation(new ConversationAccount(address.conversationId()));
        return call(() -> {
            client(address).getConversations().updateActivity(address.conversationId(), activityId, activity).join();
            return new SendResult.Sent(activityId, null);
        });
    }

    @Override
    public SendResult delete(Address address, String activityId) {
        return call(() -> {
            client(address).getConversations().deleteActivity(address.conversationId(), activityId).join();
            return new SendResult.Sent(activityId, null);
        });
    }

    private ConnectorClient client(Address address) {
        return clients.forDelivery(serviceUrl(address));
    }

    private String serviceUrl(Address address) {
        return address.serviceUrl() != null ? address.serviceUrl() : settings.defaultServiceUrl();
    }

    private ConversationParameters conversationFor(String aadObjectId, String tenant) {
        ConversationParameters parameters = new ConversationParameters();
        parameters.setIsGroup(false);
        parameters.setBot(new ChannelAccount(botId()));
        parameters.setMembers(List.of(new ChannelAccount(aadObjectId)));
        parameters.setTenantId(tenant);
        TeamsChannelData channelData = new TeamsChannelData();
        channelData.setTenant(new TenantInfo(tenant));
        parameters.setChannelData(channelData);
        return parameters;
    }

    private ConversationReference reference(String serviceUrl, String conversationId, String aadObjectId, String tenant) {
        ConversationReference reference = new ConversationReference();
        reference.setServiceUrl(serviceUrl);
        reference.setChannelId("msteams");
        ConversationAccount conversation = new ConversationAccount(conversationId);
        conversation.setTenantId(tenant);
        conversation.setConversationType("personal");
        reference.setConversation(conversation);
        reference.setBot(new ChannelAccount(botId()));
        ChannelAccount user = new ChannelAccount(aadObjectId);
        user.setAadObjectId(aadObjectId);
        reference.setUser(user);
        return reference;
    }

    private String botId() {
        return "28:" + (settings.appId() == null ? "" : settings.appId());
    }

    private static SendResult call(Supplier<SendResult> send) {
        try {
            return send.get();
        } catch (CompletionException e) {
            return translate(e.getCause() != null ? e.getCause() : e);
        } catch (RuntimeException e) {
            return translate(e);
        }
    }

    static SendResult translate(Throwable error) {
        Throwable cause = rootOf(error);
        if (error instanceof ErrorResponseException response && response.response() != null) {
            return fromStatus(response.response().code(), response.response().headers().get("Retry-After"),
                    errorCode(response));
        }
        if (cause instanceof SocketTimeoutException timeout) {
            String message = String.valueOf(timeout.getMessage());
            if (message.contains("connect")) {
                return new SendResult.Retry("Teams could not be reached in time (connect timeout).", null, false);
            }
            return new SendResult.Unknown("Teams did not answer in time after the message was sent; it may have arrived.");
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
            return new SendResult.Retry("Teams could not be reached: " + cause.getClass().getSimpleName(), null, false);
        }
        if (cause instanceof InterruptedIOException || cause instanceof IOException) {
            return new SendResult.Unknown("The connection to Teams broke during the send; it may have arrived.");
        }
        return new SendResult.Permanent("The message could not be sent: " + cause.getClass().getSimpleName());
    }

    private static String errorCode(ErrorResponseException response) {
        ErrorResponse body = response.body();
        return body != null && body.getError() != null && body.getError().getCode() != null ? body.getError().getCode() : "";
    }

    static SendResult fromStatus(int status, String retryAfter, String errorCode) {
        Duration wait = parseRetryAfter(retryAfter);
        if (RETRYABLE.contains(status)) {
            return new SendResult.Retry("Teams answered HTTP " + status + (status == 429 ? " (too many requests)" : ""),
                    wait, status == 429);
        }
        if (status == 403) {
            return new SendResult.Permanent(errorCode.contains("MessageWritesBlocked")
                    ? "This person has blocked or uninstalled HPS Companion in Teams (403 MessageWritesBlocked)."
                    : "Teams refused the message (403): the app may have been uninstalled or the person blocked it.");
        }
        if (status == 404) {
            return new SendResult.Permanent("The Teams chat no longer exists (404): the person may have left or removed the app.");
        }
        if (status == 401) {
            return new SendResult.Retry("Teams rejected the bot's credentials (401); check MICROSOFT_APP_ID and the secret.", null, false);
        }
        return new SendResult.Permanent("Teams refused the message (HTTP " + status + ").");
    }

    private static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Throwable rootOf(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

}
