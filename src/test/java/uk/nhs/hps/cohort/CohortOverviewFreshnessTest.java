package uk.nhs.hps.cohort;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.admin.AdminApiTestBase;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.CohortSeed;
import uk.nhs.hps.support.TestClock;

import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A cohort's figures are kept for a minute, then read again. */
@MicronautTest(transactional = false)
class CohortOverviewFreshnessTest extends AdminApiTestBase {

    @Inject
    ShowingCohortOverview overviews;
    @Inject
    TransactionOperations<Connection> db;
    @Inject
    TestClock clock;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(super.extraProperties());
        p.put("hps.test.clock", "manual");
        return p;
    }

    @Test
    void aNewParticipantCountsOnceTheKeptFiguresAreAMinuteOld() {
        CohortSeed.Seeded seeded = CohortSeed.seed(db, clock.instant(), 10, 3, "fresh");
        assertThat(overviews.overview(patId, seeded.cohortId()).orElseThrow().participants()).isEqualTo(10);
        people.save(new Person(null, "fresh.late@nhs.net", "Late Joiner", Role.PARTICIPANT, PersonStatus.ACTIVE,
                "Europe/London", null, null, null, seeded.cohortId(), null, null, null, null, clock.instant(), clock.instant()));

        int kept = overviews.overview(patId, seeded.cohortId()).orElseThrow().participants();
        clock.advance(ShowingCohortOverview.FRESH_FOR.plus(Duration.ofSeconds(1)));
        int afterAMinute = overviews.overview(patId, seeded.cohortId()).orElseThrow().participants();

        assertThat(kept).isEqualTo(10);
        assertThat(afterAMinute).isEqualTo(11);
    }
}
