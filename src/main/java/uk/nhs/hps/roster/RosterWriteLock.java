package uk.nhs.hps.roster;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.SQLException;
import java.util.Set;
import java.util.function.Supplier;
import uk.nhs.hps.access.Conflict;

/**
 * Serialises writes to who-sponsors-and-coaches-whom across nodes: the caller's transaction locks the one row of
 * {@code roster_import_lock} until it ends, so a second import plans from what the first one wrote. A write that
 * still collides (lock wait timed out, or the one-current-sponsor constraint refused it) becomes a {@link Conflict}
 * with a clear sentence, never a 500.
 */
@Singleton
class RosterWriteLock {

    static final String BUSY = "Another roster change was being saved at the same moment; nothing was changed."
            + " Please try again.";
    /** Unique violation, lock timeouts (H2, PostgreSQL), serialisation failure and deadlock. */
    private static final Set<String> RACE_STATES = Set.of("23505", "HYT00", "55P03", "40001", "40P01");

    private final JdbcOperations jdbc;

    RosterWriteLock(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the lock in the current transaction; call inside {@code @Transactional}. */
    void hold() {
        jdbc.prepareStatement("SELECT id FROM roster_import_lock WHERE id = 1 FOR UPDATE", statement -> {
            statement.executeQuery().close();
            return null;
        });
    }

    /** Runs the write, turning a lost race into a {@link Conflict}. */
    <T> T translatingRaces(Supplier<T> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            if (isRace(e)) {
                throw new Conflict(BUSY);
            }
            throw e;
        }
    }

    static boolean isRace(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && RACE_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
