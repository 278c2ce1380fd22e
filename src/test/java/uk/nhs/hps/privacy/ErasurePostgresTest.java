package uk.nhs.hps.privacy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import uk.nhs.hps.support.TestDatabases;

import java.util.Map;

/** Erasure on embedded PostgreSQL 17, with its own metadata. */
@MicronautTest(transactional = false)
class ErasurePostgresTest extends ErasureTest {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
