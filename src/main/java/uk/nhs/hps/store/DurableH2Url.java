package uk.nhs.hps.store;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * H2 holds commits in memory for up to {@code WRITE_DELAY} ms (500 by default) before writing them to the
 * file, so a killed process loses work the service has already acknowledged. Every H2 URL that is not
 * in-memory gets {@code WRITE_DELAY=0}, whether it is the default or one an operator supplied; an explicit
 * non-zero delay is left for {@link StoreDurabilityCheck} to refuse, because overriding a setting someone
 * chose on purpose would hide the conflict.
 */
@Singleton
class DurableH2Url implements BeanCreatedEventListener<DatasourceConfiguration> {

    static final String SETTING = "WRITE_DELAY";

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        String url = configuration.getUrl();
        String durable = durable(url);
        if (durable != null && !durable.equals(url)) {
            configuration.setUrl(durable);
            configuration.setJdbcUrl(durable);
        }
        return configuration;
    }

    /** The URL with {@code WRITE_DELAY=0} added if it is an H2 database on disk that does not set it. */
    static String durable(String url) {
        if (!persistentH2(url) || setsWriteDelay(url)) {
            return url;
        }
        return url + ";" + SETTING + "=0";
    }

    static boolean persistentH2(String url) {
        if (url == null) {
            return false;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:");
    }

    private static boolean setsWriteDelay(String url) {
        String[] parts = url.split(";");
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].trim().toUpperCase(Locale.ROOT).startsWith(SETTING + "=")) {
                return true;
            }
        }
        return false;
    }
}
