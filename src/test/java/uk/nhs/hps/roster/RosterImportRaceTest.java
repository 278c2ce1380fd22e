package uk.nhs.hps.roster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.admin.AdminApiTestBase;
import uk.nhs.hps.audit.AuditEvent;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.cohort.ManagingCohorts;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.FakeFileHost;
import uk.nhs.hps.support.TestUsers;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Roster imports are serialised, and "one current sponsor per participant" is a database constraint
 * (issue 10, section 6): 20 presses of one upload's "Import" give one import, 10 concurrent API imports
 * giving one participant sponsor Y or Z, or 10 concurrent sponsor changes, leave exactly one current sponsorship.
 */
@MicronautTest(transactional = false)
class RosterImportRaceTest extends AdminApiTestBase {

    private static final int PRESSES = 20;
    private static final int API_IMPORTS = 10;

    private final FakeFileHost files = new FakeFileHost();

    @Inject
    ManagingCohorts cohorts;
    @Inject
    SponsorshipRepository sponsorships;
    @Inject
    AuditLog audit;
    @Inject
    RosterSettings rosterSettings;

    @AfterAll
    void stopFiles() {
        files.close();
    }

    @Test
    void twentyConcurrentPressesOfImportRunOneImport() throws Exception {
        String cohort = cohort();
        String url = files.host(csv("press.one@" + cohort + ".nhs.net,Press One,,," + cohort + ",press.s@" + cohort + ".nhs.net,,,,\n"
                + "press.two@" + cohort + ".nhs.net,Press Two,,," + cohort + ",press.s@" + cohort + ".nhs.net,,,,"));
        send(Activities.message("").file("roster.csv", url).from(TestUsers.PAT));
        ObjectNode importButton = (ObjectNode) lastCard().path("actions").get(0).path("data");
        long importsBefore = importsBy(patId);
        connector.reset();

        List<HttpResponse<String>> responses = all(PRESSES,
                () -> send(Activities.cardSubmit(importButton.deepCopy()).from(TestUsers.PAT)));

        assertThat(responses).allMatch(r -> r.statusCode() >= 200 && r.statusCode() < 300);
        assertThat(importsBy(patId) - importsBefore).isEqualTo(1);
        List<String> texts = connector.messages().stream().map(FakeBotConnector.Call::text).toList();
        assertThat(texts).hasSize(PRESSES);
        assertThat(texts).filteredOn(t -> t.startsWith("Imported")).hasSize(1);
        assertThat(texts).filteredOn(t -> !t.startsWith("Imported"))
                .allMatch(t -> t.equals(RosterImportCommand.underWay(rosterSettings)) || t.equals(RosterImportCommand.FINISHED));
        assertThat(people.findByEmail("press.one@" + cohort + ".nhs.net")).isPresent();
    }

    @Test
    void tenConcurrentApiImportsLeaveOneCurrentSponsor() throws Exception {
        String cohort = cohort();
        String participant = "raced@" + cohort + ".nhs.net";
        String y = "sponsor.y@" + cohort + ".nhs.net";
        String z = "sponsor.z@" + cohort + ".nhs.net";
        List<Callable<HttpResponse<String>>> imports = new ArrayList<>();
        for (int i = 0; i < API_IMPORTS; i++) {
            String sponsor = i % 2 == 0 ? y : z;
            String body = RosterImportTest.HEADER + participant + ",Raced,,," + cohort + "," + sponsor + ",,,,\n";
            imports.add(() -> call("POST", "/admin/api/roster/import?mode=commit", entra.token(TestUsers.PAT), "text/csv", body));
        }

        List<HttpResponse<String>> responses = all(imports);

        assertThat(responses).extracting(HttpResponse::statusCode).allMatch(s -> s == 200 || s == 409);
        assertThat(responses).filteredOn(r -> r.statusCode() == 409)
                .allMatch(r -> r.body().contains("at the same moment"));
        long participantId = people.findByEmail(participant).orElseThrow().id();
        assertThat(sponsorships.findByParticipantIdOrderByStartsOn(participantId)).filteredOn(Sponsorship::isCurrent).hasSize(1);
        assertThat(people.findByEmail(y)).isPresent();
        assertThat(people.findByEmail(z)).isPresent();
    }

    @Test
    void tenConcurrentSponsorChangesThroughTheApiLeaveOneCurrentSponsor() throws Exception {
        long participant = person("changed").id();
        long y = person("cy").id();
        long z = person("cz").id();
        List<Callable<HttpResponse<String>>> changes = new ArrayList<>();
        for (int i = 0; i < API_IMPORTS; i++) {
            long sponsor = i % 2 == 0 ? y : z;
            changes.add(() -> send("POST", "/admin/api/people/" + participant + "/sponsorships", "{\"sponsorId\":" + sponsor + "}"));
        }

        List<HttpResponse<String>> responses = all(changes);

        assertThat(responses).extracting(HttpResponse::statusCode).allMatch(s -> s == 201 || s == 409);
        assertThat(sponsorships.findByParticipantIdOrderByStartsOn(participant)).filteredOn(Sponsorship::isCurrent).hasSize(1);
    }

    @Test
    void theDatabaseRefusesASecondCurrentSponsorship() {
        Instant now = Instant.now();
        long participant = person("p").id();
        long first = person("s1").id();
        long second = person("s2").id();
        sponsorships.save(new Sponsorship(null, participant, first, LocalDate.of(2026, 1, 1), null, now));

        assertThatThrownBy(() -> sponsorships.save(new Sponsorship(null, participant, second, LocalDate.of(2026, 2, 1), null, now)))
                .isInstanceOf(RuntimeException.class);
        assertThat(sponsorships.findByParticipantIdOrderByStartsOn(participant)).hasSize(1);
    }

    @Test
    void endedSponsorshipsDoNotCountAgainstTheConstraint() {
        Instant now = Instant.now();
        long participant = person("h").id();
        long sponsor = person("hs").id();
        sponsorships.save(new Sponsorship(null, participant, sponsor, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 1), now));
        sponsorships.save(new Sponsorship(null, participant, sponsor, LocalDate.of(2025, 6, 1), LocalDate.of(2026, 1, 1), now));

        sponsorships.save(new Sponsorship(null, participant, sponsor, LocalDate.of(2026, 1, 1), null, now));

        assertThat(sponsorships.findByParticipantIdOrderByStartsOn(participant)).hasSize(3);
    }

    private Person person(String prefix) {
        Instant now = Instant.now();
        return people.save(new Person(null, prefix + "." + UUID.randomUUID() + "@race.nhs.net", prefix, Role.PARTICIPANT,
                PersonStatus.ACTIVE, "Europe/London", null, null, null, null, null, null, null, null, now, now));
    }

    private long importsBy(long personId) {
        return audit.by(AuditLog.person(personId)).stream().map(AuditEvent::action).filter(AuditLog.IMPORT::equals).count();
    }

    private List<HttpResponse<String>> all(int times, Callable<HttpResponse<String>> task) throws Exception {
        List<Callable<HttpResponse<String>>> tasks = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            tasks.add(task);
        }
        return all(tasks);
    }

    /** Runs the tasks at once: every thread waits on one latch, released when all are ready. */
    private static List<HttpResponse<String>> all(List<Callable<HttpResponse<String>>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch ready = new CountDownLatch(tasks.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (Callable<HttpResponse<String>> task : tasks) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await();
            go.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                responses.add(f.get());
            }
            return responses;
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
        String name = "race" + UUID.randomUUID().toString().substring(0, 8);
        cohorts.create(new ManagingCohorts.CohortDetails(name, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31), null, null));
        return name;
    }
}
