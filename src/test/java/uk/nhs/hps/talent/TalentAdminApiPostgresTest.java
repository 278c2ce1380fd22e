package uk.nhs.hps.talent;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.TestDatabases;

import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The talent admin reports, moderation and audit queries on embedded PostgreSQL 17. */
@MicronautTest(transactional = false)
class TalentAdminApiPostgresTest extends TalentAdminApiTest {
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
