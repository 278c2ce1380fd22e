package uk.nhs.hps.nudge;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.TestClock;
import uk.nhs.hps.support.TestDatabases;

import java.sql.Connection;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service is down from 08:55 to 11:55 (London) on a month's first working day, Thursday 1 April 2027. The
 * first pass after the restart catches up once: the 09:00 meeting nudge goes, late, once; a prompt that fell due
 * in the gap but whose recipient is now in quiet hours waits for their next allowed minute.
 */
class DowntimeCatchUpTest {

    private static final Instant BEFORE_THE_OUTAGE = Instant.parse("2027-04-01T07:55:00Z");    // 08:55 BST
    private static final Instant AFTER_THE_OUTAGE = Instant.parse("2027-04-01T10:55:00Z");     // 11:55 BST, 19:55 in Tokyo
    private static final Instant TOKYO_NEXT_MORNING = Instant.parse("2027-04-01T23:00:00Z");   // Fri 08:00 in Tokyo

    private Map<String, Object> properties;
    private ApplicationContext node;
    private TestClock clock;
    private EnqueueDueNudges nudges;

    @BeforeEach
    void startWithOnePairingInLondonAndAParticipantInTokyo() throws Exception {
        properties = new HashMap<>(TestDatabases.h2());
        properties.put("scheduling.enabled", "false");
        properties.put("delivery.dispatcher-enabled", "false");
        properties.put("hps.test.clock", "manual");
        node = ApplicationContext.run(properties, "dev");
        clock = node.getBean(TestClock.class);
        nudges = node.getBean(EnqueueDueNudges.class);
        try (Connection c = NudgeFixtures.connect(properties)) {
            NudgeFixtures fixtures = new NudgeFixtures(c);
            long cohort = fixtures.cohort(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31));
            long sponsor = fixtures.person("SPONSOR", "Europe/London", null);
            long participant = fixtures.person("PARTICIPANT", "Europe/London", cohort);
            fixtures.sponsorship(participant, sponsor);
            // no prompt today for the London participant: theirs come on Mondays
            fixtures.prompts(participant, DayOfWeek.MONDAY, LocalTime.of(16, 0), Instant.parse("2027-03-22T15:00:00Z"));
            long inTokyo = fixtures.person("PARTICIPANT", "Asia/Tokyo", cohort);
            // fortnightly at 17:00 Tokyo time: due at 08:00 UTC today, in the middle of the outage
            fixtures.prompts(inTokyo, DayOfWeek.THURSDAY, LocalTime.of(17, 0), Instant.parse("2027-03-18T08:00:00Z"));
        }
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void missedMeetingNudgeIsQueuedOnceLateAndNotAgainOnTheNextPass() throws Exception {
        clock.set(BEFORE_THE_OUTAGE);
        EnqueueDueNudges.Result before = nudges.run();
        clock.set(AFTER_THE_OUTAGE);
        EnqueueDueNudges.Result catchUp = nudges.run();
        clock.set(AFTER_THE_OUTAGE.plusSeconds(60));
        EnqueueDueNudges.Result nextPass = nudges.run();

        assertThat(before.enqueued()).isZero();
        assertThat(catchUp.meetingNudges()).isEqualTo(1);
        assertThat(nextPass.enqueued()).isZero();
        try (Connection c = NudgeFixtures.connect(properties)) {
            NudgeFixtures db = new NudgeFixtures(c);
            assertThat(db.outboxRows("sponsor-meeting:")).isEqualTo(1);
            assertThat(db.mostRowsForOneKey()).isEqualTo(1);
        }
    }

    @Test
    void promptDueDuringTheOutageWaitsOutTheRecipientsQuietHoursThenGoesOnce() throws Exception {
        clock.set(AFTER_THE_OUTAGE);
        EnqueueDueNudges.Result catchUp = nudges.run();
        long promptsQueuedInQuietHours;
        try (Connection c = NudgeFixtures.connect(properties)) {
            promptsQueuedInQuietHours = new NudgeFixtures(c).outboxRows("reflection-prompt:");
        }
        clock.set(TOKYO_NEXT_MORNING);
        EnqueueDueNudges.Result tokyoMorning = nudges.run();
        clock.set(TOKYO_NEXT_MORNING.plusSeconds(60));
        EnqueueDueNudges.Result tokyoLater = nudges.run();

        assertThat(catchUp.reflectionPrompts()).isZero();
        assertThat(promptsQueuedInQuietHours).isZero();
        assertThat(tokyoMorning.reflectionPrompts()).isEqualTo(1);
        assertThat(tokyoLater.enqueued()).isZero();
        try (Connection c = NudgeFixtures.connect(properties)) {
            assertThat(new NudgeFixtures(c).outboxRows("reflection-prompt:")).isEqualTo(1);
        }
    }
}
