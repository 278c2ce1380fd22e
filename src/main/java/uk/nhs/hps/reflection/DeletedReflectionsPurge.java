package uk.nhs.hps.reflection;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** Deleted entries whose 30-day undo has passed are removed for good, hourly. */
@Singleton
@Requires(property = "reflection.purge-enabled", notEquals = "false")
class DeletedReflectionsPurge {

    private final ReflectiveLog log;

    DeletedReflectionsPurge(ReflectiveLog log) {
        this.log = log;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void purge() {
        log.purgeExpired();
    }
}
