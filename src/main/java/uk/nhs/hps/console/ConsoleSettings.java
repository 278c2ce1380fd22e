package uk.nhs.hps.console;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code console.*}: the programme-team console's sign-in and session.
 *
 * @param devSignIn     the local "act as any roster person" page; only in the {@code dev} environment, and the
 *                      service refuses to start with it on anywhere else (CONSOLE_DEV_SIGN_IN)
 * @param secureCookie  the session cookie's Secure attribute; off only for plain-http local development
 * @param sessionLength how long a session lasts from sign-in, however active
 * @param idleTimeout   a session unused this long ends
 */
@ConfigurationProperties("console")
public record ConsoleSettings(
        @Bindable(defaultValue = "false") boolean devSignIn,
        @Bindable(defaultValue = "true") boolean secureCookie,
        @Bindable(defaultValue = "10h") Duration sessionLength,
        @Bindable(defaultValue = "1h") Duration idleTimeout) {
}
