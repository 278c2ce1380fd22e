package uk.nhs.hps.roster;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import uk.nhs.hps.support.TestDatabases;

import java.util.Map;

/** The same races on embedded PostgreSQL 17, where the constraint is a partial unique index. */
@MicronautTest(transactional = false)
class RosterImportRacePostgresTest extends RosterImportRaceTest {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
