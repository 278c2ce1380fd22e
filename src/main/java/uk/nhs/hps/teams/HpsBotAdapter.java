package uk.nhs.hps.teams;

import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import com.microsoft.bot.restclient.RestClient;
import com.microsoft.bot.restclient.ServiceResponseBuilder;
import com.microsoft.bot.restclient.serializer.JacksonAdapter;
import jakarta.inject.Singleton;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import retrofit2.Retrofit;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The SDK adapter, adjusted where its defaults are unsafe for us: connector calls time out in seconds
 * rather than minutes, outgoing tokens carry the app's tenant, and a failed turn ends with an apology.
 */
@Singleton
class HpsBotAdapter extends BotFrameworkHttpAdapter {

    static final String APOLOGY = "Something went wrong on my side; it has been logged.";
    private static final Logger LOG = LoggerFactory.getLogger(HpsBotAdapter.class);

    private final TeamsSettings settings;
    private final Map<String, ConnectorClient> clients = new ConcurrentHashMap<>();

    HpsBotAdapter(SdkConfiguration configuration, TeamsSettings settings) {
        super(configuration);
        this.settings = settings;
        setOnTurnError((turnContext, error) -> {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            // Never log the activity text: only where it failed and the turn's correlation id.
            LOG.error("Turn failed correlationId={} activityType={}", MDC.get(TurnCorrelation.KEY),
                    turnContext.getActivity().getType(), cause);
            return turnContext.sendActivity(MessageFactory.text(APOLOGY)).handle((sent, sendError) -> {
                if (sendError != null) {
                    LOG.warn("Could not send the apology correlationId={}", MDC.get(TurnCorrelation.KEY));
                }
                return null;
            });
        });
    }

    @Override
    protected CompletableFuture<AppCredentials> buildAppCredentials(String appId, String scope) {
        return CompletableFuture.completedFuture(
                new TenantCredentials(appId, settings.appPassword(), settings.appTenantId(), scope,
                        settings.tokenEndpoint(), settings.connectTimeoutOrDefault()));
    }

    @Override
    protected CompletableFuture<ConnectorClient> getOrCreateConnectorClient(String serviceUrl,
                                                                            AppCredentials credentials) {
        AppCredentials effective = credentials != null ? credentials : MicrosoftAppCredentials.empty();
        String key = keyForConnectorClient(serviceUrl, effective.getAppId(), effective.oAuthScope());
        ConnectorClient client = clients.computeIfAbsent(key, k -> newClient(serviceUrl, effective));
        return CompletableFuture.completedFuture(client);
    }

    private ConnectorClient newClient(String serviceUrl, AppCredentials credentials) {
        RestClient rest = new RestClient.Builder(new OkHttpClient.Builder(), new Retrofit.Builder())
                .withBaseUrl(serviceUrl)
                .withCredentials(credentials)
                .withSerializerAdapter(new JacksonAdapter())
                .withResponseBuilderFactory(new ServiceResponseBuilder.Factory())
                .withConnectionTimeout(settings.connectTimeoutOrDefault().toMillis(), TimeUnit.MILLISECONDS)
                .withReadTimeout(settings.readTimeoutOrDefault().toMillis(), TimeUnit.MILLISECONDS)
                .build();
        return new RestConnectorClient(rest);
    }
}
