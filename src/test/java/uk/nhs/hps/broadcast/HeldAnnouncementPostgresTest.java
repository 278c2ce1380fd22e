package uk.nhs.hps.broadcast;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import uk.nhs.hps.support.TestDatabases;

import java.util.Map;

/** The same on embedded PostgreSQL, where the due query's text concatenation must also work. */
@MicronautTest(transactional = false)
class HeldAnnouncementPostgresTest extends HeldAnnouncementTest {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
