package uk.nhs.hps.teams;

import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.rest.RestConnectorClient;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Where our adapter departs from the SDK's defaults. */
class HpsBotAdapterTest {

    private static final String TENANT = "5f4c3b2a-1111-4222-8333-944455566677";

    @Test
    void connectorCallsTimeOutAfterFiveSecondsToConnectAndFifteenToRead() {
        // the bound defaults of teams.connect-timeout / teams.read-timeout (ConfigurationDefaultsTest pins them)
        HpsBotAdapter adapter = adapter(Duration.ofSeconds(5), Duration.ofSeconds(15));

        RestConnectorClient client = (RestConnectorClient) adapter
                .getOrCreateConnectorClient("https://smba.example/uk/", null).join();
        OkHttpClient http = client.getRestClient().httpClient();

        assertThat(http.connectTimeoutMillis()).isEqualTo(5_000);
        assertThat(http.readTimeoutMillis()).isEqualTo(15_000);
    }

    @Test
    void configuredTimeoutsReplaceTheDefaults() {
        HpsBotAdapter adapter = adapter(Duration.ofSeconds(2), Duration.ofSeconds(7));

        RestConnectorClient client = (RestConnectorClient) adapter
                .getOrCreateConnectorClient("https://smba.example/uk/", null).join();

        assertThat(client.getRestClient().httpClient().connectTimeoutMillis()).isEqualTo(2_000);
        assertThat(client.getRestClient().httpClient().readTimeoutMillis()).isEqualTo(7_000);
    }

    @Test
    void outgoingTokensAreRequestedFromTheSingleTenantAuthority() {
        HpsBotAdapter adapter = adapter(Duration.ofSeconds(5), Duration.ofSeconds(15));

        AppCredentials credentials = adapter.buildAppCredentials("app-id", "https://api.botframework.com").join();

        assertThat(credentials.oAuthEndpoint()).isEqualTo("https://login.microsoftonline.com/" + TENANT);
        assertThat(credentials.getAppId()).isEqualTo("app-id");
    }

    private static HpsBotAdapter adapter(Duration connect, Duration read) {
        TeamsSettings settings = new TeamsSettings("app-id", "pw", TENANT, null, null, null, "https://smba.trafficmanager.net/teams/", connect, read, 262144);
        return new HpsBotAdapter(new SdkConfiguration(settings), new ConnectorClients(settings));
    }
}
