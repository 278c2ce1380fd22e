package uk.nhs.hps.echo;

import com.microsoft.bot.builder.Bot;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.integration.AdapterWithErrorHandler;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import com.microsoft.bot.integration.Configuration;
import com.microsoft.bot.integration.spring.BotController;
import com.microsoft.bot.integration.spring.BotDependencyConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * Spring Boot hosting the SDK's {@link BotController} at /api/messages, as the SDK's samples do. Its settings
 * (MicrosoftAppId, MicrosoftAppPassword, BotOpenIdMetadata) come from system properties, and the token for its
 * replies from the benchmark's local issuer ({@code echo.token-endpoint}) instead of Entra ID.
 */
@SpringBootApplication
@Import({BotController.class})
public class EchoBotApplication extends BotDependencyConfiguration {

    public static void main(String[] args) {
        SpringApplication.run(EchoBotApplication.class, args);
    }

    @Bean
    public Bot getBot() {
        return new EchoBot();
    }

    @Override
    public Configuration getConfiguration() {
        return new SystemPropertiesConfiguration();
    }

    @Override
    public BotFrameworkHttpAdapter getBotFrameworkHttpAdaptor(Configuration configuration) {
        String tokenEndpoint = System.getProperty("echo.token-endpoint");
        return new AdapterWithErrorHandler(configuration) {
            @Override
            protected CompletableFuture<AppCredentials> buildAppCredentials(String appId, String oAuthScope) {
                return CompletableFuture.completedFuture(new LocalIssuerCredentials(appId,
                        configuration.getProperty("MicrosoftAppPassword"), oAuthScope, tokenEndpoint));
            }
        };
    }

    /** The SDK's settings, read from -D properties. */
    static final class SystemPropertiesConfiguration implements Configuration {
        @Override
        public String getProperty(String key) {
            return System.getProperty(key);
        }

        @Override
        public Properties getProperties() {
            return System.getProperties();
        }

        @Override
        public String[] getProperties(String key) {
            String value = getProperty(key);
            return value == null ? null : value.split(",");
        }
    }
}
