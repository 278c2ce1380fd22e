package uk.nhs.hps.nudge;

import io.micronaut.context.ApplicationContext;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.listeners.JobListenerSupport;
import uk.nhs.hps.scheduling.QuartzScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.TestClock;
import uk.nhs.hps.support.TestDatabases;

import java.sql.Connection;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two service instances on one PostgreSQL database: with clustered Quartz both asking to run the nudge job,
 * and with the pass itself racing (as if the cluster lock ever failed), each nudge is queued exactly once.
 */
class TwoNodesEnqueueDueNudgesTest {

    /** Thursday 1 April 2027, 09:00 in London (BST): the month's first working day, and the prompts' weekday and time. */
    private static final Instant NINE_ON_THE_FIRST = Instant.parse("2027-04-01T08:00:00Z");
    private static final int PAIRS = 150;

    private final List<ApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(ApplicationContext::close);
    }

    @Test
    void racingNodesEnqueueEachNudgeExactlyOnce() throws Exception {
        Map<String, Object> properties = nodeProperties(false);
        ApplicationContext first = node(properties);
        ApplicationContext second = node(properties);
        // the clocks first: the test clock's default instant is itself a nudge time, and the minute's trigger
        // may fire while the pairs are being seeded
        first.getBean(TestClock.class).set(NINE_ON_THE_FIRST);
        second.getBean(TestClock.class).set(NINE_ON_THE_FIRST);
        seed(properties);

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<List<EnqueueDueNudges.Result>> a = CompletableFuture.supplyAsync(() -> passes(first, go), threads);
        CompletableFuture<List<EnqueueDueNudges.Result>> b = CompletableFuture.supplyAsync(() -> passes(second, go), threads);
        go.countDown();
        List<EnqueueDueNudges.Result> results = new ArrayList<>(a.join());
        results.addAll(b.join());
        threads.shutdown();

        assertEachNudgeQueuedOnce(properties);
        assertThat(results).allSatisfy(r -> assertThat(r.failures()).isEmpty());
        assertThat(results.stream().mapToInt(EnqueueDueNudges.Result::meetingNudges).sum()).isEqualTo(PAIRS);
        assertThat(results.stream().mapToInt(EnqueueDueNudges.Result::reflectionPrompts).sum()).isEqualTo(PAIRS);
    }

    @Test
    void clusteredQuartzOnBothNodesFiresTheNudgeJobAndEachNudgeIsQueuedOnce() throws Exception {
        Map<String, Object> properties = nodeProperties(true);
        ApplicationContext first = node(properties);
        ApplicationContext second = node(properties);
        // the clocks first: the test clock's default instant is itself a nudge time, and the minute's trigger
        // may fire while the pairs are being seeded
        first.getBean(TestClock.class).set(NINE_ON_THE_FIRST);
        second.getBean(TestClock.class).set(NINE_ON_THE_FIRST);
        seed(properties);
        JobKey nudgeJob = JobKey.jobKey("enqueue-due-nudges", "hps");
        CountDownLatch ran = new CountDownLatch(2);
        for (ApplicationContext node : List.of(first, second)) {
            Scheduler scheduler = node.getBean(QuartzScheduler.class).scheduler();
            scheduler.getListenerManager().addJobListener(new JobListenerSupport() {
                @Override
                public String getName() {
                    return "count-nudge-runs";
                }

                @Override
                public void jobWasExecuted(JobExecutionContext context, JobExecutionException problem) {
                    if (context.getJobDetail().getKey().equals(nudgeJob)) {
                        ran.countDown();
                    }
                }
            });
        }

        // both nodes ask the cluster to run the job now, as both would when the minute's trigger fires
        first.getBean(QuartzScheduler.class).scheduler().triggerJob(nudgeJob);
        second.getBean(QuartzScheduler.class).scheduler().triggerJob(nudgeJob);

        assertThat(ran.await(60, TimeUnit.SECONDS)).as("both runs of the job finished").isTrue();
        assertEachNudgeQueuedOnce(properties);
    }

    private static Map<String, Object> nodeProperties(boolean scheduling) {
        Map<String, Object> properties = new HashMap<>(TestDatabases.postgres());
        properties.put("scheduling.enabled", String.valueOf(scheduling));
        properties.put("delivery.dispatcher-enabled", "false");
        properties.put("hps.test.clock", "manual");
        return properties;
    }

    private static void assertEachNudgeQueuedOnce(Map<String, Object> properties) throws Exception {
        try (Connection c = NudgeFixtures.connect(properties)) {
            NudgeFixtures db = new NudgeFixtures(c);
            assertThat(db.outboxRows("sponsor-meeting:")).isEqualTo(PAIRS);
            assertThat(db.outboxRows("reflection-prompt:")).isEqualTo(PAIRS);
            assertThat(db.mostRowsForOneKey()).isEqualTo(1);
        }
    }

    private static void seed(Map<String, Object> properties) throws Exception {
        try (Connection c = NudgeFixtures.connect(properties)) {
            NudgeFixtures fixtures = new NudgeFixtures(c);
            long cohort = fixtures.cohort(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31));
            for (int i = 0; i < PAIRS; i++) {
                long sponsor = fixtures.person("SPONSOR", "Europe/London", null);
                long participant = fixtures.person("PARTICIPANT", "Europe/London", cohort);
                fixtures.sponsorship(participant, sponsor);
                fixtures.prompts(participant, DayOfWeek.THURSDAY, LocalTime.of(9, 0), null);
            }
        }
    }

    private ApplicationContext node(Map<String, Object> properties) {
        ApplicationContext context = ApplicationContext.run(properties, "dev");
        nodes.add(context);
        return context;
    }

    /** Three passes in a row on one node, started together with the other node's. */
    private static List<EnqueueDueNudges.Result> passes(ApplicationContext node, CountDownLatch go) {
        EnqueueDueNudges nudges = node.getBean(EnqueueDueNudges.class);
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        List<EnqueueDueNudges.Result> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(nudges.run());
        }
        return results;
    }
}
