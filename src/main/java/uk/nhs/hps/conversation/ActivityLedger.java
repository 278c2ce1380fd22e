package uk.nhs.hps.conversation;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

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
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    ActivityLedger(ProcessedActivities processed, TransactionOperations<Connection> transactions, Clock clock) {
        this.processed = processed;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Runs the turn once per activity id: the claim on the id and everything the turn writes commit in one
     * transaction, so a crash or a failed turn leaves the id unclaimed and Teams' retry is processed, while
     * a redelivery of a turn that committed gets empty. A concurrent redelivery waits on the first one's
     * claim (the row lock) and then sees it taken, or free if the first one failed.
     */
    public <T> Optional<T> once(String activityId, Supplier<T> turn) {
        return transactions.executeWrite(status -> {
            if (activityId != null && processed.insertIfAbsent(activityId, clock.instant()) == 0) {
                return Optional.empty();
            }
            return Optional.of(turn.get());
        });
    }
}
