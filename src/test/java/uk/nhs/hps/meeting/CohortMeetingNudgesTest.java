package uk.nhs.hps.meeting;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.admin.AdminApiTestBase;
import uk.nhs.hps.cohort.ManagingCohorts;
import uk.nhs.hps.nudge.EnqueueDueNudges;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;
import uk.nhs.hps.support.TestClock;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A cohort can move its sponsors' monthly meeting nudges; other cohorts keep the defaults. */
@MicronautTest(transactional = false)
class CohortMeetingNudgesTest extends AdminApiTestBase {

    @Inject
    TestClock clock;
    @Inject
    ManagingCohorts cohorts;
    @Inject
    SponsorshipRepository sponsorships;
    @Inject
    EnqueueDueNudges nudges;

    private Cohort cohort;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(super.extraProperties());
        p.put("hps.test.clock", "manual");
        return p;
    }

    @BeforeEach
    void cohortWithOnePairing() {
        clock.set(Instant.parse("2027-02-01T08:00:00Z"));
        // each test's pairing stands alone: end the ones earlier tests left
        for (Sponsorship earlier : sponsorships.findByEndsOnIsNull()) {
            sponsorships.update(new Sponsorship(earlier.id(), earlier.participantId(), earlier.sponsorId(),
                    earlier.startsOn(), LocalDate.of(2027, 1, 1), earlier.createdAt()));
        }
        cohort = cohorts.create(new ManagingCohorts.CohortDetails("Late risers " + UUID.randomUUID().toString().substring(0, 6),
                LocalDate.of(2026, 4, 1), LocalDate.of(2028, 3, 31), null, null));
        Person sponsor = person(Role.SPONSOR, null);
        Person participant = person(Role.PARTICIPANT, cohort.id());
        sponsorships.save(new Sponsorship(null, participant.id(), sponsor.id(), LocalDate.of(2026, 4, 1), null, clock.instant()));
    }

    @Test
    void cohortNudgeTimeReplacesTheDefaultNineOClock() {
        HttpResponse<String> set = send("PUT", "/admin/api/cohorts/" + cohort.id() + "/meeting-nudges",
                "{\"nudgeAt\":\"10:30\",\"secondNudgeDay\":20}");

        clock.set(Instant.parse("2027-02-01T09:00:00Z")); // Monday 1 February, 09:00 GMT
        int atNine = nudges.run().meetingNudges();
        clock.set(Instant.parse("2027-02-01T10:30:00Z"));
        int atHalfTen = nudges.run().meetingNudges();

        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).contains("\"nudgeAt\":\"10:30\"", "\"secondNudgeDay\":20", "\"custom\":true");
        assertThat(atNine).isZero();
        assertThat(atHalfTen).isEqualTo(1);
    }

    @Test
    void cohortSecondNudgeComesOnItsOwnDayNotTheFifteenth() {
        send("PUT", "/admin/api/cohorts/" + cohort.id() + "/meeting-nudges", "{\"secondNudgeDay\":22}");
        clock.set(Instant.parse("2027-02-01T09:00:00Z"));
        nudges.run();

        clock.set(Instant.parse("2027-02-15T09:00:00Z"));
        int onFifteenth = nudges.run().meetingNudges();
        clock.set(Instant.parse("2027-02-22T09:00:00Z"));
        int onTwentySecond = nudges.run().meetingNudges();

        assertThat(onFifteenth).isZero();
        assertThat(onTwentySecond).isEqualTo(1);
    }

    @Test
    void timesOutsideTheNudgeWindowAndImpossibleDaysAreRefused() {
        HttpResponse<String> tooEarly = send("PUT", "/admin/api/cohorts/" + cohort.id() + "/meeting-nudges", "{\"nudgeAt\":\"06:00\"}");
        HttpResponse<String> day31 = send("PUT", "/admin/api/cohorts/" + cohort.id() + "/meeting-nudges", "{\"secondNudgeDay\":31}");
        HttpResponse<String> unknown = send("PUT", "/admin/api/cohorts/999999/meeting-nudges", "{\"nudgeAt\":\"10:00\"}");

        assertThat(tooEarly.statusCode()).isEqualTo(400);
        assertThat(tooEarly.body()).contains("between 08:00 and 18:00");
        assertThat(day31.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    private Person person(Role role, Long cohortId) {
        String key = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return people.save(new Person(null, key + "@nhs.net", "Test " + key, role, PersonStatus.ACTIVE, "Europe/London",
                null, null, null, cohortId, null, null, null, null, clock.instant(), clock.instant()));
    }
}
