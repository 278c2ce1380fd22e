package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import uk.nhs.hps.support.TestDatabases;

import java.util.Map;

/** The same page and CSV on embedded PostgreSQL, the production database: every query of the page runs there too. */
@MicronautTest(transactional = false, environments = "dev")
class MeetingsConsolePostgresTest extends MeetingsConsoleTest {

    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
