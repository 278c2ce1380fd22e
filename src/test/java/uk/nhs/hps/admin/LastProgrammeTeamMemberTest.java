package uk.nhs.hps.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.access.ProgrammeTeamMember;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.TestUsers;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API never leaves the programme team without an active member: not by removal, not by LEFT, not by a race. */
@MicronautTest(transactional = false)
class LastProgrammeTeamMemberTest extends AdminApiTestBase {

    @Test
    void theLastActiveMemberCannotBeRemoved() {
        onlyPatOnTheTeam();

        HttpResponse<String> response = send("DELETE", "/admin/api/programme-team/" + patId, null);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("last active programme-team member");
        assertThat(programmeTeam.existsById(patId)).isTrue();
    }

    @Test
    void theLastActiveMemberCannotBeSetToLeft() {
        onlyPatOnTheTeam();

        HttpResponse<String> response = send("PUT", "/admin/api/people/" + patId + "/status",
                "{\"status\":\"LEFT\",\"reason\":\"Retiring\"}");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("last active programme-team member", "can't be set to LEFT");
        assertThat(people.findById(patId).orElseThrow().status()).isEqualTo(PersonStatus.ACTIVE);
    }

    @Test
    void theLastActiveMemberCannotBeErased() {
        onlyPatOnTheTeam();

        HttpResponse<String> response = send("POST", "/admin/api/people/" + patId + "/erasure",
                "{\"reason\":\"Erasure request\"}");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("last active programme-team member", "can't be erased");
        assertThat(programmeTeam.existsById(patId)).isTrue();
        assertThat(people.findById(patId).orElseThrow().anonymisedAt()).isNull();
    }

    @Test
    void aMemberWhoHasLeftDoesNotCountAsAnotherActiveMember() {
        onlyPatOnTheTeam();
        member(newUser("Gone Member"), PersonStatus.LEFT);

        HttpResponse<String> response = send("DELETE", "/admin/api/programme-team/" + patId, null);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(programmeTeam.existsById(patId)).isTrue();
    }

    @Test
    void aMemberCanBeRemovedWhileAnotherActiveMemberRemains() {
        onlyPatOnTheTeam();
        long other = member(newUser("Other Member"), PersonStatus.ACTIVE);

        HttpResponse<String> response = send("DELETE", "/admin/api/programme-team/" + other, null);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(programmeTeam.existsById(other)).isFalse();
    }

    @Test
    void twoMembersRemovingEachOtherAtOnceLeaveOneOfThem() throws Exception {
        for (int round = 0; round < 10; round++) {
            TestUsers.User x = newUser("Racing X");
            TestUsers.User y = newUser("Racing Y");
            long xId = member(x, PersonStatus.ACTIVE);
            long yId = member(y, PersonStatus.ACTIVE);
            onlyTheseOnTheTeam(List.of(xId, yId));
            CountDownLatch start = new CountDownLatch(1);

            CompletableFuture<Integer> xRemovesY = CompletableFuture.supplyAsync(() -> removeAfter(start, x, yId));
            CompletableFuture<Integer> yRemovesX = CompletableFuture.supplyAsync(() -> removeAfter(start, y, xId));
            start.countDown();

            // the loser is refused either by the lock (409) or, if the winner committed first, as no longer a member (403)
            List<Integer> answers = List.of(xRemovesY.get(), yRemovesX.get());
            assertThat(answers).containsOnlyOnce(204);
            assertThat(answers).filteredOn(a -> a != 204).singleElement().isIn(403, 409);
            assertThat(programmeTeam.existsById(xId) ^ programmeTeam.existsById(yId)).isTrue();
        }
        onlyPatOnTheTeam();
    }

    private int removeAfter(CountDownLatch start, TestUsers.User caller, long target) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return call("DELETE", "/admin/api/programme-team/" + target, entra.token(caller), null, null).statusCode();
    }

    private static TestUsers.User newUser(String name) {
        String local = name.toLowerCase().replace(' ', '.') + "." + UUID.randomUUID().toString().substring(0, 8);
        return new TestUsers.User("29:" + local, "aad-" + local, name, local + "@team.nhs.net");
    }

    private long member(TestUsers.User user, PersonStatus status) {
        Instant now = Instant.now();
        long id = people.save(new Person(null, user.email(), user.name(), Role.PROGRAMME_TEAM, status, "Europe/London",
                user.aadObjectId(), null, null, null, status == PersonStatus.LEFT ? "Left" : null, null, null, null, now, now)).id();
        programmeTeam.save(new ProgrammeTeamMember(id, now));
        return id;
    }

    /** Arrange: PAT is the only member, whatever earlier tests left. */
    private void onlyPatOnTheTeam() {
        if (!programmeTeam.existsById(patId)) {
            programmeTeam.save(new ProgrammeTeamMember(patId, Instant.now()));
        }
        onlyTheseOnTheTeam(List.of(patId));
    }

    private void onlyTheseOnTheTeam(List<Long> keep) {
        List<Long> others = new ArrayList<>();
        programmeTeam.findAll().forEach(m -> {
            if (!keep.contains(m.personId())) {
                others.add(m.personId());
            }
        });
        others.forEach(programmeTeam::deleteById);
    }
}
