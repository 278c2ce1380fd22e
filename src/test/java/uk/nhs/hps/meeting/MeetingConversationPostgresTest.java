package uk.nhs.hps.meeting;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.TestDatabases;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meeting conversation on embedded PostgreSQL 17: nudges, buttons, a snooze across the month's end and
 * the month's closing (the digest's MISSED rows) against the real engine.
 */
@MicronautTest(transactional = false)
class MeetingConversationPostgresTest extends MeetingConversationTest {

    @Test
    void runsOnPostgreSql() {
        assertThat(TestDatabases.engine(transactions)).isEqualTo("PostgreSQL");
    }

    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
