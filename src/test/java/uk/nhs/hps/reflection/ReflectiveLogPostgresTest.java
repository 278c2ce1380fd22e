package uk.nhs.hps.reflection;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.TestDatabases;

import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole reflective log on embedded PostgreSQL 17: save, edit with history, stale edits, soft delete and
 * undo, the one-off submission key, paging and month filters, sharing and export, against the real engine.
 */
@MicronautTest(transactional = false)
class ReflectiveLogPostgresTest extends ReflectiveLogBotTest {
    @Inject
    TransactionOperations<Connection> connections;

    @Test
    void runsOnPostgreSql() {
        assertThat(TestDatabases.engine(connections)).isEqualTo("PostgreSQL");
    }

    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
