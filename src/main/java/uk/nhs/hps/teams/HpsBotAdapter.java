package uk.nhs.hps.teams;

import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SDK adapter, adjusted where its defaults are unsafe for us: connector calls time out in seconds
 * rather than minutes, outgoing tokens carry the app's tenant, and a failed turn ends with an apology.
 */
@Singleton
class HpsBotAdapter extends BotFrameworkHttpAdapter {

    static final String APOLOGY = "Something went wrong on my side; it has been logged.";
    private static final Logger LOG = LoggerFactory.getLogger(HpsBotAdapter.class);

    private final ConnectorClients clients;
    private final Map<String, ConnectorClient> turnClients = new ConcurrentHashMap<>();

    HpsBotAdapter(SdkConfiguration configuration, ConnectorClients clients) {
        super(configuration);
        this.clients = clients;
        setOnTurnError((turnContext, error) -> {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            // Never log the activity text: only where it failed and the turn's correlation id.
            // the SDK may call this on its own thread, where the turn's MDC is not set
            String correlationId = MDC.get(TurnCorrelation.KEY) != null ? MDC.get(TurnCorrelation.KEY)
                    : turnContext.getActivity().getId();
            LOG.error("Turn failed correlationId={} activityType={}", correlationId, turnContext.getActivity().getType(), cause);
            return turnContext.sendActivity(MessageFactory.text(APOLOGY)).handle((sent, sendError) -> {
                if (sendError != null) {
                    LOG.warn("Could not send the apology correlationId={}", correlationId);
                }
                return null;
            });
        });
    }

    @Override
    protected CompletableFuture<AppCredentials> buildAppCredentials(String appId, String scope) {
        return CompletableFuture.completedFuture(clients.credentials(appId, scope));
    }

    @Override
    protected CompletableFuture<ConnectorClient> getOrCreateConnectorClient(String serviceUrl,
                                                                            AppCredentials credentials) {
        AppCredentials effective = credentials != null ? credentials : MicrosoftAppCredentials.empty();
        String key = keyForConnectorClient(serviceUrl, effective.getAppId(), effective.oAuthScope());
        return CompletableFuture.completedFuture(
                turnClients.computeIfAbsent(key, k -> clients.forTurns(serviceUrl, effective)));
    }
}
