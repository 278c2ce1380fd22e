package uk.nhs.hps.faq;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import uk.nhs.hps.support.TestDatabases;

import java.util.Map;

/** The whole FAQ conversation again, on embedded PostgreSQL 17: migration V20, repositories and queries. */
@MicronautTest(transactional = false)
class FaqPostgresTest extends FaqConversationTest {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
