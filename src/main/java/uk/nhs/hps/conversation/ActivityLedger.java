package uk.nhs.hps.conversation;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.data.annotation.Query;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/**
 * Remembers which incoming activity ids have been handled, so a redelivery (Teams retries when a
 * reply is slow) produces neither a second reply nor a second record.
 */
@Singleton
public class ActivityLedger {

    @MappedEntity("processed_activity")
    record ProcessedActivity(@Id String activityId, Instant processedAt) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface ProcessedActivities extends GenericRepository<ProcessedActivity, String> {
        // Insert-if-absent in one statement, so two nodes racing on the same id cannot both win.
        @Query("INSERT INTO processed_activity (activity_id, processed_at) VALUES (:activityId, :processedAt) ON CONFLICT DO NOTHING")
        int insertIfAbsent(String activityId, Instant processedAt);
    }

    private final ProcessedActivities processed;
    private final Clock clock;

    ActivityLedger(ProcessedActivities processed, Clock clock) {
        this.processed = processed;
        this.clock = clock;
    }

    /** True the first time an id is seen; false for every later delivery of it. */
    public boolean firstDelivery(String activityId) {
        return processed.insertIfAbsent(activityId, clock.instant()) == 1;
    }
}
