package uk.nhs.hps.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import uk.nhs.hps.support.TestDatabases;

import java.util.Map;

/** The same rules on PostgreSQL, where the membership row lock is a real {@code SELECT ... FOR UPDATE}. */
@MicronautTest(transactional = false)
class LastProgrammeTeamMemberPostgresTest extends LastProgrammeTeamMemberTest {

    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
