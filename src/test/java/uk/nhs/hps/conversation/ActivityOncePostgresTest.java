package uk.nhs.hps.conversation;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.TestDatabases;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ActivityOnceBotTest} on PostgreSQL, where a failed statement aborts the whole transaction. */
@MicronautTest(transactional = false)
class ActivityOncePostgresTest extends ActivityOnceBotTest {

    @Test
    void runsOnPostgreSql() {
        assertThat(TestDatabases.engine(connections)).isEqualTo("PostgreSQL");
    }

    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
