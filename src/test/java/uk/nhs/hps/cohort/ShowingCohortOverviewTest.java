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
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
    void aReflectionCountsInTheMonthItWasLoggedInUkTimeNotUtc() {
        CohortSeed.Seeded small = CohortSeed.seed(db, Instant.now(), 4, 8, "boundary" + System.nanoTime());
        ShowingCohortOverview.Overview before = overviews.overview(patId, small.cohortId()).orElseThrow();
        ZoneId london = ZoneId.of("Europe/London");
        // a month starting in summer time, so half past midnight on its first is still the previous day in UTC
        YearMonth summer = before.months().stream().skip(1).map(ShowingCohortOverview.Month::month)
                .filter(m -> london.getRules().isDaylightSavings(m.atDay(1).atStartOfDay(london).toInstant()))
                .findFirst().orElseThrow();
        long participant = people.findByEmail(small.cohortName().replace(" cohort", "") + ".participant1@nhs.net")
                .orElseThrow().id();

        logReflection(participant, summer.atDay(1).atTime(0, 30).atZone(london).toInstant());
        logReflection(participant, summer.minusMonths(1).atEndOfMonth().atTime(23, 30).atZone(london).toInstant());
        overviews.forgetKeptFigures();
        ShowingCohortOverview.Overview after = overviews.overview(patId, small.cohortId()).orElseThrow();

        assertThat(reflectionsIn(after, summer) - reflectionsIn(before, summer)).isEqualTo(1);
        assertThat(reflectionsIn(after, summer.minusMonths(1)) - reflectionsIn(before, summer.minusMonths(1))).isEqualTo(1);
    }

    private static int reflectionsIn(ShowingCohortOverview.Overview o, YearMonth month) {
        return o.months().stream().filter(m -> m.month().equals(month)).findFirst().orElseThrow().reflections();
    }

    private void logReflection(long personId, Instant at) {
        db.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement("""
                    INSERT INTO reflection_entry (person_id, template, title, experienced_on, answers, dimensions,
                                                  learning_source, version, created_at, updated_at)
                    VALUES (?, 'ROLFE', 'On the boundary', ?, '{}', '', 'EXPERIENCE', 1, ?, ?)""")) {
                s.setLong(1, personId);
                s.setObject(2, LocalDate.ofInstant(at, ZoneId.of("Europe/London")));
                s.setObject(3, at.atOffset(ZoneOffset.UTC));
                s.setObject(4, at.atOffset(ZoneOffset.UTC));
                s.executeUpdate();
            }
            return null;
        });
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
