package uk.nhs.hps.teams;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to start a service that would accept unauthenticated traffic outside local development.
 */
@Context
class StartupSafety {

    private static final Logger LOG = LoggerFactory.getLogger(StartupSafety.class);

    StartupSafety(TeamsSettings settings, Environment environment) {
        boolean dev = environment.getActiveNames().contains("dev");
        if (!settings.hasAppId() || !settings.hasAppPassword()) {
            if (!dev) {
                throw new ConfigurationException("HPS Companion will not start without bot credentials outside the"
                        + " 'dev' environment: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (and"
                        + " MICROSOFT_APP_TENANT_ID for a single-tenant registration), or run with"
                        + " MICRONAUT_ENVIRONMENTS=dev for local development only.");
            }
            if (!settings.hasAppId()) {
                LOG.warn("No MICROSOFT_APP_ID set: accepting unauthenticated activities (dev environment only)");
            }
        }
    }
}
