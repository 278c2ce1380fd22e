package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import uk.nhs.hps.support.TestDatabases;

import java.util.Map;

/** The large cohort's report on embedded PostgreSQL, the production database. */
@MicronautTest(transactional = false, environments = "dev")
class ReportsLargeCohortPostgresTest extends ReportsLargeCohortTest {

    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
