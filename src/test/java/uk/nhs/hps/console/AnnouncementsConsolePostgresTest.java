package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import uk.nhs.hps.support.TestDatabases;

import java.util.Map;

/** The Announcements pages on embedded PostgreSQL: the audience queries and the send's transaction as in production. */
@MicronautTest(transactional = false, environments = "dev")
class AnnouncementsConsolePostgresTest extends AnnouncementsConsoleTest {

    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
