package uk.nhs.hps.delivery;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.TestDatabases;

import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Installing the app through Graph, and reporting who is unreachable, on embedded PostgreSQL 17. */
@MicronautTest(transactional = false)
class AppInstallPostgresTest extends AppInstallTest {

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
