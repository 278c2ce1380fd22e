package uk.nhs.hps.cohort;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.admin.AdminApiTestBase;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.people.CohortRepository;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.privacy.ErasingPerson;
import uk.nhs.hps.support.CohortSeed;
import uk.nhs.hps.support.TestClock;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cohort's figures are kept for a minute; a view after that is shown them while they are counted again in the
 * background, and the views after the count show the new figures.
 */
@MicronautTest(transactional = false)
class CohortOverviewFreshnessTest extends AdminApiTestBase {

    @Inject
    ShowingCohortOverview overviews;
    @Inject
    ErasingPerson erasing;
    @Inject
    TransactionOperations<Connection> db;
    @Inject
    TestClock clock;
    @Inject
    CohortRepository cohorts;
    @Inject
    Access access;

    private CohortSeed.Seeded seeded;
    /** Counts handed to the background wait here until the test runs them. */
    private final List<Runnable> background = new ArrayList<>();
    /** An overview of its own whose counts after its first wait in {@link #background}. */
    private ShowingCohortOverview held;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(super.extraProperties());
        p.put("hps.test.clock", "manual");
        return p;
    }

    @BeforeEach
    void aCohortViewedOnceThenJoinedByANewParticipant() {
        background.clear();
        seeded = CohortSeed.seed(db, clock.instant(), 10, 3, "fresh" + System.nanoTime());
        assertThat(overviews.overview(patId, seeded.cohortId()).orElseThrow().participants()).isEqualTo(10);
        held = heldInTheBackground();
        people.save(new Person(null, "late" + System.nanoTime() + "@nhs.net", "Late Joiner", Role.PARTICIPANT,
                PersonStatus.ACTIVE, "Europe/London", null, null, null, seeded.cohortId(), null, null, null, null,
                clock.instant(), clock.instant()));
    }

    @Test
    void withinAMinuteTheKeptFiguresAreShownAndNothingIsCounted() {
        ShowingCohortOverview.Overview shown = overviews.overview(patId, seeded.cohortId()).orElseThrow();

        assertThat(shown.participants()).isEqualTo(10);
        assertThat(shown.updating()).isFalse();
        assertThat(overviews.countUnderWay(seeded.cohortId())).isEmpty();
    }

    @Test
    void aMinuteLaterTheKeptFiguresAreShownMarkedAsBeingCountedAgain() {
        clock.advance(ShowingCohortOverview.FRESH_FOR.plus(Duration.ofSeconds(1)));

        ShowingCohortOverview.Overview shown = held.overview(patId, seeded.cohortId()).orElseThrow();

        assertThat(shown.participants()).isEqualTo(10);
        assertThat(shown.updating()).isTrue();
        assertThat(background).hasSize(1);
    }

    @Test
    void manyViewsWhileTheFiguresAreCountedStartOneCount() {
        clock.advance(ShowingCohortOverview.FRESH_FOR.plus(Duration.ofSeconds(1)));

        for (int i = 0; i < 20; i++) {
            held.overview(patId, seeded.cohortId());
        }

        assertThat(background).hasSize(1);
    }

    @Test
    void theFirstViewOfACohortWaitsForItsFigures() {
        ShowingCohortOverview.Overview first = overviews.overview(patId,
                CohortSeed.seed(db, clock.instant(), 4, 2, "first" + System.nanoTime()).cohortId()).orElseThrow();

        assertThat(first.participants()).isEqualTo(4);
        assertThat(first.updating()).isFalse();
    }

    /** An overview whose first count (the seeded cohort's) runs at once and whose later counts wait for the test. */
    private ShowingCohortOverview heldInTheBackground() {
        boolean[] firstDone = {false};
        ShowingCohortOverview held = new ShowingCohortOverview(db, cohorts, access, clock, runnable -> {
            if (firstDone[0]) {
                background.add(runnable);
            } else {
                firstDone[0] = true;
                runnable.run();
            }
        });
        held.overview(patId, seeded.cohortId());
        return held;
    }

    @Test
    void anErasureDropsTheKeptFiguresSoTheNextViewNoLongerNamesTheErasedPerson() {
        ShowingCohortOverview.Overview before = overviews.overview(patId, seeded.cohortId()).orElseThrow();
        long unreachable = before.unreachable().stream().filter(u -> u.displayName().equals(seeded.unreachableName()))
                .findFirst().orElseThrow().personId();

        erasing.erase(unreachable, "test", "asked to be forgotten");
        ShowingCohortOverview.Overview after = overviews.overview(patId, seeded.cohortId()).orElseThrow();

        assertThat(after.unreachable()).extracting(ShowingCohortOverview.Unreachable::personId).doesNotContain(unreachable);
    }
}
