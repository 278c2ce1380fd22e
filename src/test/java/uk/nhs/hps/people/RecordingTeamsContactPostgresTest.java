package uk.nhs.hps.people;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import uk.nhs.hps.support.TestDatabases;

import java.util.Map;

@MicronautTest(transactional = false, environments = "dev")
class RecordingTeamsContactPostgresTest extends RecordingTeamsContactContract {
    @Override
    public Map<String, String> getProperties() {
        return TestDatabases.postgres();
    }
}
