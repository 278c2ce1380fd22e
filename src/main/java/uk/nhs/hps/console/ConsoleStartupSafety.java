package uk.nhs.hps.console;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;

/** The dev sign-in lets anyone act as anyone: a service outside {@code dev} with it switched on does not start. */
@Context
class ConsoleStartupSafety {

    ConsoleStartupSafety(ConsoleSettings settings, Environment environment) {
        if (settings.devSignIn() && !environment.getActiveNames().contains("dev")) {
            throw new ConfigurationException("HPS Companion will not start with the console's dev sign-in"
                    + " (console.dev-sign-in, CONSOLE_DEV_SIGN_IN) switched on outside the 'dev' environment:"
                    + " it lets anyone act as any roster person. Remove the setting.");
        }
    }
}
