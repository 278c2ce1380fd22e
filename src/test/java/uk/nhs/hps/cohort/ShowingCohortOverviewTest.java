package uk.nhs.hps.cohort;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.access.AccessDenied;
import uk.nhs.hps.admin.AdminApiTestBase;
import uk.nhs.hps.audit.AuditEvent;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.support.CohortSeed;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The overview's figures are exactly what the database holds for the cohort (H2 here, PostgreSQL in the subclass). */
@MicronautTest(transactional = false)
class ShowingCohortOverviewTest extends AdminApiTestBase {

    @Inject
    ShowingCohortOverview overviews;
    @Inject
    TransactionOperations<Connection> db;
    @Inject
    AuditLog audit;

    private CohortSeed.Seeded seeded;

    @BeforeAll
    void seed() {
        seeded = CohortSeed.seed(db, Instant.now(), 30, 8, "overview");
    }

    private ShowingCohortOverview.Overview overview() {
        return overviews.overview(patId, seeded.cohortId()).orElseThrow();
    }

    @Test
    void countsParticipantsAndTheirCurrentSponsors() {
        ShowingCohortOverview.Overview o = overview();

        assertThat(o.participants()).isEqualTo(30);
        assertThat(o.sponsors()).isEqualTo(15);
        assertThat(o.paused()).isZero();
    }

    @Test
    void meetingsPerMonthAddUpToEveryRecordHeldBookedAndMissed() {
        ShowingCohortOverview.Overview o = overview();

        assertThat(o.months()).hasSize(8);
        assertThat(o.months().stream().mapToInt(ShowingCohortOverview.Month::met).sum()).isEqualTo(seeded.met());
        assertThat(o.months().stream().mapToInt(ShowingCohortOverview.Month::booked).sum()).isEqualTo(seeded.booked());
        assertThat(o.months().stream().mapToInt(ShowingCohortOverview.Month::missed).sum()).isEqualTo(seeded.missed());
    }

    @Test
    void reflectionsPerMonthAddUpToEveryEntryLogged() {
        assertThat(overview().months().stream().mapToInt(ShowingCohortOverview.Month::reflections).sum())
                .isEqualTo(seeded.reflections());
    }

    @Test
    void thePromptResponseRateCountsPromptsFollowedByAnEntryWithinAWeek() {
        ShowingCohortOverview.Overview o = overview();

        assertThat(o.promptsSent()).isEqualTo(seeded.promptsSent());
        assertThat(o.promptsAnswered()).isEqualTo(seeded.promptsAnswered());
    }

    @Test
    void namesWhoCannotBeReachedAndWhy() {
        ShowingCohortOverview.Overview o = overview();

        assertThat(o.unreachable()).extracting(ShowingCohortOverview.Unreachable::displayName)
                .containsExactly(seeded.unreachableName(), seeded.failedName());
        assertThat(o.unreachable().get(0).why()).startsWith("Not linked to a Microsoft account yet");
        assertThat(o.unreachable().get(1).why()).contains("not installed for them in Teams");
    }

    @Test
    void showsQuestionsWaitingAndTheNextScheduledAnnouncement() {
        ShowingCohortOverview.Overview o = overview();

        assertThat(o.ticketsWaitingInCohort()).isEqualTo(seeded.openTickets());
        assertThat(o.nextAnnouncement()).hasValueSatisfying(a -> {
            assertThat(a.title()).isEqualTo(seeded.announcementTitle());
            assertThat(a.sendAt().truncatedTo(ChronoUnit.SECONDS)).isEqualTo(seeded.announcementAt().truncatedTo(ChronoUnit.SECONDS));
        });
    }

    @Test
    void eachPersonNamedIsAnAuditedReadOfTheirProfile() {
        long unreachable = overview().unreachable().get(0).personId();

        assertThat(audit.about(unreachable)).filteredOn(e -> e.action().equals(AuditLog.READ))
                .extracting(AuditEvent::actor, AuditEvent::detail)
                .contains(org.assertj.core.groups.Tuple.tuple(AuditLog.person(patId),
                        "VIEW_PROFILE: console: cohort overview, cannot be reached in Teams"));
    }

    @Test
    void someoneNotOnTheProgrammeTeamIsRefused() {
        Person participant = people.findByEmail("overview.participant3@nhs.net").orElseThrow();

        assertThatThrownBy(() -> overviews.overview(participant.id(), seeded.cohortId())).isInstanceOf(AccessDenied.class);
    }
}
