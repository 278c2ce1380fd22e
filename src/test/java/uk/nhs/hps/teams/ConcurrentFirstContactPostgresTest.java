package uk.nhs.hps.teams;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import uk.nhs.hps.support.TestDatabases;

import java.util.Map;

/** The same race on embedded PostgreSQL 17. */
@MicronautTest(transactional = false)
class ConcurrentFirstContactPostgresTest extends ConcurrentFirstContactTest {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
