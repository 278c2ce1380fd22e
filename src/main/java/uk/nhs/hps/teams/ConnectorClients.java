package uk.nhs.hps.teams;

import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.AuthenticationConstants;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.restclient.RestClient;
import com.microsoft.bot.restclient.ServiceResponseBuilder;
import com.microsoft.bot.restclient.retry.RetryStrategy;
import com.microsoft.bot.restclient.serializer.JacksonAdapter;
import jakarta.inject.Singleton;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Builds Bot Connector clients with our timeouts. Replies within a turn keep the SDK's retry of 5xx;
 * delivery clients never retry on their own, because the outbox decides about retries and a silent
 * resend is exactly how a message arrives twice.
 */
@Singleton
class ConnectorClients {

    private static final RetryStrategy NEVER = new RetryStrategy("never", false) {
        @Override
        public boolean shouldRetry(int retryCount, okhttp3.Response response) {
            return false;
        }
    };

    private final TeamsSettings settings;
    private final Map<String, ConnectorClient> deliveryClients = new ConcurrentHashMap<>();
    private volatile AppCredentials deliveryCredentials;

    ConnectorClients(TeamsSettings settings) {
        this.settings = settings;
    }

    AppCredentials credentials(String appId, String scope) {
        if (appId == null || appId.isBlank()) {
            return MicrosoftAppCredentials.empty();
        }
        return new TenantCredentials(appId, settings.appPassword(), settings.appTenantId(), scope,
                settings.tokenEndpoint(), settings.connectTimeout());
    }

    /**
     * One client per service URL for the turns' replies. All of Teams' replies go to one host, so OkHttp's default
     * of 5 calls at once per host made concurrent turns queue behind each other's replies and member look-ups.
     */
    ConnectorClient forTurns(String serviceUrl, AppCredentials credentials) {
        return build(serviceUrl, credentials, new OkHttpClient.Builder().dispatcher(wideDispatcher()), null);
    }

    ConnectorClient forDelivery(String serviceUrl) {
        return deliveryClients.computeIfAbsent(serviceUrl, url -> build(url, deliveryCredentials(),
                new OkHttpClient.Builder().retryOnConnectionFailure(false).dispatcher(wideDispatcher()), NEVER));
    }

    /** OkHttp allows 5 concurrent calls per host by default; the dispatcher's workers and concurrent turns need more. */
    private static okhttp3.Dispatcher wideDispatcher() {
        okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
        dispatcher.setMaxRequests(128);
        dispatcher.setMaxRequestsPerHost(64);
        return dispatcher;
    }

    private AppCredentials deliveryCredentials() {
        if (deliveryCredentials == null) {
            deliveryCredentials = credentials(settings.appId(), AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE);
        }
        return deliveryCredentials;
    }

    private ConnectorClient build(String serviceUrl, AppCredentials credentials, OkHttpClient.Builder http,
                                  RetryStrategy retry) {
        RestClient.Builder builder = new RestClient.Builder(http, new Retrofit.Builder())
                .withBaseUrl(serviceUrl)
                .withCredentials(credentials)
                .withSerializerAdapter(new JacksonAdapter())
                .withResponseBuilderFactory(new ServiceResponseBuilder.Factory())
                .withConnectionTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .withReadTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (retry != null) {
            builder.withRetryStrategy(retry);
        }
        return new RestConnectorClient(builder.build());
    }
}
