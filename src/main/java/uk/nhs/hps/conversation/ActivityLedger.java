package uk.nhs.hps.conversation;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(ActivityLedger.class);

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
        try {
            return transactions.executeWrite(status -> {
                if (activityId != null && processed.insertIfAbsent(activityId, clock.instant()) == 0) {
                    return Optional.empty();
                }
                T answer = turn.get();
                if (status.isRollbackOnly()) {
                    // a use case inside the turn failed and the handler answered for it (say, "that date is in
                    // the past"): the transaction cannot commit, so nothing of the turn is kept, its claim
                    // included, and the answer still goes out
                    throw new RolledBack(answer);
                }
                return Optional.of(answer);
            });
        } catch (RolledBack rolledBack) {
            LOG.info("A write inside the turn was refused; nothing of the turn was kept");
            @SuppressWarnings("unchecked")
            T answer = (T) rolledBack.answer;
            return Optional.of(answer);
        }
    }

    /** Carries the turn's answer out of a transaction that has to roll back. */
    private static final class RolledBack extends RuntimeException {
        private final transient Object answer;

        RolledBack(Object answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }
}
