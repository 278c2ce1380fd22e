package uk.nhs.hps.roster;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import uk.nhs.hps.support.TestDatabases;

import java.util.Map;

/** The same recoveries on embedded PostgreSQL, which production runs with several instances. */
@MicronautTest(transactional = false)
class RosterImportLeasePostgresTest extends RosterImportLeaseTest {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
