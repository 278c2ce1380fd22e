package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import uk.nhs.hps.support.TestDatabases;

import java.util.Map;

/** The talent pages on embedded PostgreSQL, the production database: their grouped and joined queries, the steps' locking. */
@MicronautTest(transactional = false, environments = "dev")
class TalentConsolePostgresTest extends TalentConsoleTest {

    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
