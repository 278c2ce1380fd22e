package uk.nhs.hps.store;

import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.function.Supplier;

/**
 * A write that may fail on purpose (a refused edit, a lost race on a unique key) and whose caller carries
 * on afterwards. Alone it is its own transaction; inside a caller's transaction (a bot turn commits its
 * activity-id claim and its writes together) it runs under a savepoint, so its failure undoes only itself:
 * without one, PostgreSQL aborts the whole transaction at the failed statement and the turn could not
 * even read the row that won the race.
 */
public final class Savepoints {

    private Savepoints() {
    }

    public static <T> T attempt(TransactionOperations<Connection> transactions, Supplier<T> write) {
        if (transactions.findTransactionStatus().isEmpty()) {
            return transactions.executeWrite(status -> write.get());
        }
        Connection connection = transactions.getConnection();
        Savepoint savepoint = set(connection);
        T result;
        try {
            result = write.get();
        } catch (RuntimeException e) {
            rollBack(connection, savepoint, e);
            throw e;
        }
        release(connection, savepoint);
        return result;
    }

    private static Savepoint set(Connection connection) {
        try {
            return connection.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set a savepoint", e);
        }
    }

    private static void rollBack(Connection connection, Savepoint savepoint, RuntimeException cause) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void release(Connection connection, Savepoint savepoint) {
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not release a savepoint", e);
        }
    }
}
