package uk.nhs.hps.talent;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.TestDatabases;

import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheme endpoints, and the grid's saved versions, on embedded PostgreSQL 17. */
@MicronautTest(transactional = false)
class TalentSchemeApiPostgresTest extends TalentSchemeApiTest {
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
