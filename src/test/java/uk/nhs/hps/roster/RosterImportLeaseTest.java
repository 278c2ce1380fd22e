package uk.nhs.hps.roster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.access.ProgrammeTeamMember;
import uk.nhs.hps.access.ProgrammeTeamRepository;
import uk.nhs.hps.audit.AuditEvent;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.cohort.ManagingCohorts;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.BotTestBase;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.FakeFileHost;
import uk.nhs.hps.support.TestClock;
import uk.nhs.hps.support.TestUsers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import whose service stopped (kill -9) while it was COMMITTING: its lease runs out and it is marked FAILED with the
 * reason, once, however many instances look at the same moment; a live import's lease is renewed and never taken; an
 * import whose claim was taken writes nothing. The state a kill leaves is made by claiming an upload (what a press
 * does first) and never running its import; the clock is moved by hand.
 */
@MicronautTest(transactional = false)
class RosterImportLeaseTest extends BotTestBase {

    private static final Duration LEASE = Duration.ofMinutes(5);

    private final FakeFileHost files = new FakeFileHost();

    @Inject
    ImportingUploadedRoster uploads;
    @Inject
    RosterUploadRepository uploadRows;
    @Inject
    PersonRepository people;
    @Inject
    ProgrammeTeamRepository programmeTeam;
    @Inject
    ManagingCohorts cohorts;
    @Inject
    AuditLog audit;
    @Inject
    TestClock clock;

    private long patId;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("hps.test.clock", "manual");
    }

    @BeforeAll
    void patIsOnTheProgrammeTeam() {
        Instant now = Instant.now();
        patId = people.findByEmail(TestUsers.PAT.email()).orElseGet(() -> people.save(new Person(null, TestUsers.PAT.email(),
                TestUsers.PAT.name(), Role.PROGRAMME_TEAM, PersonStatus.ACTIVE, "Europe/London", TestUsers.PAT.aadObjectId(),
                null, null, null, null, null, null, null, now, now))).id();
        if (!programmeTeam.existsById(patId)) {
            programmeTeam.save(new ProgrammeTeamMember(patId, now));
        }
    }

    @AfterAll
    void stopFiles() {
        files.close();
    }

    @Test
    void anImportLeftCommittingIsMarkedFailedOnceItsLeaseRunsOut() {
        String email = "stopped." + UUID.randomUUID() + "@lease.nhs.net";
        ImportingUploadedRoster.Claim claim = claimed(email);

        clock.advance(LEASE.plusSeconds(1));
        int recovered = uploads.recoverInterrupted();

        RosterUpload upload = uploadRows.findById(claim.upload().id()).orElseThrow();
        assertThat(recovered).isPositive();
        assertThat(upload.status()).isEqualTo(RosterUpload.Status.FAILED);
        assertThat(upload.failure()).isEqualTo(ImportingUploadedRoster.INTERRUPTED);
        assertThat(upload.content()).isNull();
        assertThat(people.findByEmail(email)).isEmpty();
        assertThat(historyOf(claim)).singleElement().asString()
                .contains("Not imported: the service stopped while importing " + claim.upload().fileName()
                        + ", so nothing from the file was applied");
    }

    @Test
    void anImportWhoseLeaseHasNotRunOutIsLeftAlone() {
        ImportingUploadedRoster.Claim claim = claimed("running." + UUID.randomUUID() + "@lease.nhs.net");

        clock.advance(LEASE.minusSeconds(1));
        int recovered = uploads.recoverInterrupted();

        assertThat(recovered).isZero();
        assertThat(uploadRows.findById(claim.upload().id()).orElseThrow().status()).isEqualTo(RosterUpload.Status.COMMITTING);
    }

    @Test
    void instancesRecoveringTheSameImportAtOnceRecoverItOnce() throws Exception {
        ImportingUploadedRoster.Claim claim = claimed("raced." + UUID.randomUUID() + "@lease.nhs.net");
        clock.advance(LEASE.plusSeconds(1));

        int recovered = atOnce(8, () -> uploads.recoverInterrupted());

        assertThat(recovered).isPositive();
        assertThat(historyOf(claim)).hasSize(1);
        assertThat(uploadRows.findById(claim.upload().id()).orElseThrow().status()).isEqualTo(RosterUpload.Status.FAILED);
    }

    @Test
    void anImportWhoseClaimWasRecoveredWritesNothing() {
        String email = "late." + UUID.randomUUID() + "@lease.nhs.net";
        ImportingUploadedRoster.Claim claim = claimed(email);
        clock.advance(LEASE.plusSeconds(1));
        uploads.recoverInterrupted();

        ImportingUploadedRoster.Decided decided = uploads.importClaimed(claim, ImportingRoster.Progress.NONE);

        assertThat(decided).isInstanceOf(ImportingUploadedRoster.Interrupted.class);
        assertThat(people.findByEmail(email)).isEmpty();
        assertThat(uploadRows.findById(claim.upload().id()).orElseThrow().status()).isEqualTo(RosterUpload.Status.FAILED);
    }

    @Test
    void aLongImportRenewsItsLeaseSoAnotherInstanceDoesNotTakeIt() throws Exception {
        String email = "long." + UUID.randomUUID() + "@lease.nhs.net";
        ImportingUploadedRoster.Claim claim = claimed(email);
        ExecutorService other = Executors.newSingleThreadExecutor();
        AtomicInteger takenMidway = new AtomicInteger(-1);
        ImportingRoster.Progress slow = (stage, done, total) -> {
            // each report comes two minutes after the last; at the first write, another instance looks
            clock.advance(Duration.ofMinutes(2));
            if (stage == ImportingRoster.Progress.Stage.WRITING && takenMidway.get() < 0) {
                try {
                    takenMidway.set(other.submit(() -> uploads.recoverInterrupted()).get());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };

        ImportingUploadedRoster.Decided decided;
        try {
            decided = uploads.importClaimed(claim, slow);
        } finally {
            other.shutdownNow();
        }

        assertThat(takenMidway.get()).isZero();
        assertThat(decided).isInstanceOf(ImportingUploadedRoster.Imported.class);
        assertThat(people.findByEmail(email)).isPresent();
        assertThat(uploadRows.findById(claim.upload().id()).orElseThrow().status()).isEqualTo(RosterUpload.Status.COMMITTED);
    }

    @Test
    void pressingImportOnTheCardOfAStoppedImportSaysNothingWasImportedAndTheFileCanBeSentAgain() {
        String cohort = cohort();
        String email = "card." + UUID.randomUUID() + "@" + cohort + ".nhs.net";
        String url = files.host(csv(email + ",Card Stopped,,," + cohort + ",card.s@" + cohort + ".nhs.net,,,,"));
        send(Activities.message("").file("roster.csv", url).from(TestUsers.PAT));
        ObjectNode importButton = (ObjectNode) lastCard().path("actions").get(0).path("data");
        long uploadId = importButton.path("uploadId").asLong();
        // the first press claimed the upload and its service was killed before the import finished
        uploads.claim(new ImportingUploadedRoster.DecideUpload(patId, Optional.of(uploadId),
                ImportingUploadedRoster.Decision.IMPORT_ALL), "bot");
        clock.advance(LEASE.plusSeconds(1));
        connector.reset();

        send(Activities.cardSubmit(importButton.deepCopy()).from(TestUsers.PAT));
        String answer = connector.messages().get(0).text();
        send(Activities.message("").file("roster.csv", url).from(TestUsers.PAT));
        ObjectNode again = (ObjectNode) lastCard().path("actions").get(0).path("data");
        connector.reset();
        send(Activities.cardSubmit(again.deepCopy()).from(TestUsers.PAT));

        assertThat(answer).isEqualTo(RosterImportCommand.INTERRUPTED);
        assertThat(connector.messages().get(0).text()).startsWith("Imported");
        assertThat(people.findByEmail(email)).isPresent();
    }

    /** An upload of one new participant, checked and claimed by a press whose import never ran (its service stopped). */
    private ImportingUploadedRoster.Claim claimed(String email) {
        String cohort = cohort();
        ImportingUploadedRoster.DryRun run = (ImportingUploadedRoster.DryRun) uploads.check(new ImportingUploadedRoster.CheckUpload(
                patId, "lease-" + UUID.randomUUID().toString().substring(0, 8) + ".csv", csv(email + ",Lease Row,,," + cohort + ",lease.s@" + cohort + ".nhs.net,,,,")));
        ImportingUploadedRoster.Claim claim = uploads.claim(new ImportingUploadedRoster.DecideUpload(patId,
                Optional.of(run.uploadId()), ImportingUploadedRoster.Decision.IMPORT_ALL), "console");
        assertThat(claim.upload()).as("claimed").isNotNull();
        return claim;
    }

    /** The import history's lines about this upload's file (each upload here has a file name of its own). */
    private List<String> historyOf(ImportingUploadedRoster.Claim claim) {
        return audit.by(AuditLog.person(patId)).stream().filter(e -> AuditLog.IMPORT.equals(e.action()))
                .map(AuditEvent::detail).filter(d -> d != null && d.contains(claim.upload().fileName())).toList();
    }

    /** Runs the task on {@code threads} threads released together; the sum of what they return. */
    private static int atOnce(int threads, java.util.concurrent.Callable<Integer> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await();
            go.countDown();
            int sum = 0;
            for (Future<Integer> f : futures) {
                sum += f.get();
            }
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }

    private JsonNode lastCard() {
        return connector.messages().stream().map(FakeBotConnector.Call::card).filter(c -> c != null)
                .reduce((a, b) -> b).orElseThrow();
    }

    private static byte[] csv(String rows) {
        return (RosterImportTest.HEADER + rows + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private String cohort() {
        String name = "lease" + UUID.randomUUID().toString().substring(0, 8);
        cohorts.create(new ManagingCohorts.CohortDetails(name, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31), null, null));
        return name;
    }
}
