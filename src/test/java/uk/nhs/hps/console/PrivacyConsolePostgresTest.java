package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import uk.nhs.hps.support.TestDatabases;

import java.util.Map;

/** The same pages on embedded PostgreSQL, the production database: its SQL, locking and time zones. */
@MicronautTest(transactional = false, environments = "dev")
class PrivacyConsolePostgresTest extends PrivacyConsoleTest {

    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
