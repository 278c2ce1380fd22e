package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import uk.nhs.hps.support.TestDatabases;

import java.util.Map;

/** The FAQ tabs of the Questions page on embedded PostgreSQL: the gaps' grouping query and the entries' writes. */
@MicronautTest(transactional = false, environments = "dev")
class FaqConsolePostgresTest extends FaqConsoleTest {

    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
