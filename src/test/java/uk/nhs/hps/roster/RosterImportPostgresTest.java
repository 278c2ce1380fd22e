package uk.nhs.hps.roster;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import uk.nhs.hps.support.TestDatabases;

import java.util.Map;

/** The same import behaviour on embedded PostgreSQL 17: migrations, repositories and batch writes. */
@MicronautTest(transactional = false)
class RosterImportPostgresTest extends RosterImportTest {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
