package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import uk.nhs.hps.support.TestDatabases;

import java.util.Map;

/** The same reports on embedded PostgreSQL, the production database: its SQL, time zones and date arithmetic. */
@MicronautTest(transactional = false, environments = "dev")
class ReportsConsolePostgresTest extends ReportsConsoleTest {

    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
