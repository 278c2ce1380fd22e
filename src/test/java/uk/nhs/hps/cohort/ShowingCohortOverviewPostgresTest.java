package uk.nhs.hps.cohort;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import uk.nhs.hps.support.TestDatabases;

import java.util.Map;

/** The overview's grouped queries (time zones, intervals, CTEs) on PostgreSQL. */
@MicronautTest(transactional = false)
class ShowingCohortOverviewPostgresTest extends ShowingCohortOverviewTest {

    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }
}
