package uk.nhs.hps.programmeteam;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.TestDatabases;

import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The bootstrap and {@code new cohort} on embedded PostgreSQL 17. */
@MicronautTest(transactional = false)
class ProgrammeTeamBootstrapPostgresTest extends ProgrammeTeamBootstrapTest {

    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void runsOnPostgreSql() {
        assertThat(TestDatabases.engine(transactions)).isEqualTo("PostgreSQL");
    }

    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
