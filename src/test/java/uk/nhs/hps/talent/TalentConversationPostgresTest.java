package uk.nhs.hps.talent;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.TestDatabases;

import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 9-box conversation on embedded PostgreSQL 17: draft, submit, sponsor input, agreement by both,
 * optimistic locking of concurrent drafts, history across cycles and the cohort report.
 */
@MicronautTest(transactional = false)
class TalentConversationPostgresTest extends TalentConversationBotTest {
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
