package uk.nhs.hps.cohort;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import uk.nhs.hps.privacy.PersonalDataEraser;

import java.sql.Connection;
import java.util.Set;

/**
 * The cohort overview keeps a cohort's figures, with the names of who cannot be reached, for a minute. An erasure
 * drops them, now and again once it commits (a page read in between would still have seen the person), so the erased
 * person is not named from kept figures. It owns no table.
 */
@Singleton
class OverviewEraser implements PersonalDataEraser {

    private final ShowingCohortOverview overview;
    private final TransactionOperations<Connection> transactions;

    OverviewEraser(ShowingCohortOverview overview, TransactionOperations<Connection> transactions) {
        this.overview = overview;
        this.transactions = transactions;
    }

    @Override
    public Set<String> tables() {
        return Set.of();
    }

    @Override
    public int erase(Connection connection, long personId, String email) {
        overview.forgetKeptFigures();
        transactions.findTransactionStatus().ifPresent(status -> status.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                overview.forgetKeptFigures();
            }
        }));
        return 0;
    }
}
