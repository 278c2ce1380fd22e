package uk.nhs.hps.cohort;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.TestDatabases;

import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The engagement-by-stream report on embedded PostgreSQL 17. */
@MicronautTest(transactional = false)
class EngagementByStreamApiPostgresTest extends EngagementByStreamApiTest {
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
