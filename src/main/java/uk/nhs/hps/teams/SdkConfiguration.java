package uk.nhs.hps.teams;

import com.microsoft.bot.integration.Configuration;
import jakarta.inject.Singleton;

import java.util.Properties;

/** The SDK reads its settings through this view of our typed settings, never from a properties file. */
@Singleton
class SdkConfiguration implements Configuration {

    private final Properties properties = new Properties();

    SdkConfiguration(TeamsSettings settings) {
        putIfSet("MicrosoftAppId", settings.appId());
        putIfSet("MicrosoftAppPassword", settings.appPassword());
        putIfSet("MicrosoftAppTenantId", settings.appTenantId());
        putIfSet("BotOpenIdMetadata", settings.openIdMetadata());
    }

    private void putIfSet(String key, String value) {
        if (value != null && !value.isBlank()) {
            properties.setProperty(key, value.trim());
        }
    }

    @Override
    public String getProperty(String key) {
        return properties.getProperty(key);
    }

    @Override
    public Properties getProperties() {
        return (Properties) properties.clone();
    }

    @Override
    public String[] getProperties(String key) {
        String value = getProperty(key);
        return value == null ? null : value.split(",");
    }
}
