package uk.nhs.hps.talent;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.TestDatabases;

import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The coach's development roadmap on embedded PostgreSQL 17 (V109 and its optimistic locking). */
@MicronautTest(transactional = false)
class TalentRoadmapPostgresTest extends TalentRoadmapBotTest {
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
