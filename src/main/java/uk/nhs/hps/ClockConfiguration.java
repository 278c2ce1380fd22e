package uk.nhs.hps;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** One UTC clock for the whole service; tests replace this bean to control time. */
@Factory
class ClockConfiguration {
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
