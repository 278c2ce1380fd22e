package uk.nhs.hps.people;

import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import uk.nhs.hps.conversation.ActivityLedger;

import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Storing Teams contacts and de-duplicating activities, run against each database the service supports
 * (see the H2 and PostgreSQL subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RecordingTeamsContactContract implements TestPropertyProvider {

    @Inject
    RecordingTeamsContact recording;
    @Inject
    TeamsIdentityRepository identities;
    @Inject
    PersonRepository people;
    @Inject
    ActivityLedger ledger;
    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void firstContactIsReportedOnceAndLaterContactsRefreshTheReference() {
        TeamsContact first = contact("29:contract-1", "aad-c1", null, "ref-v1");
        TeamsContact later = contact("29:contract-1", "aad-c1", null, "ref-v2");

        RecordingTeamsContact.Outcome firstOutcome = recording.record(first);
        RecordingTeamsContact.Outcome laterOutcome = recording.record(later);

        assertThat(firstOutcome.firstContact()).isTrue();
        assertThat(laterOutcome.firstContact()).isFalse();
        assertThat(identities.findByTeamsUserId("29:contract-1").orElseThrow().conversationReference()).isEqualTo("ref-v2");
    }

    @Test
    void contactIsLinkedToRosterPersonByAadObjectIdAfterEmailMatch() {
        Instant now = Instant.parse("2026-11-02T10:00:00Z");
        Person person = people.save(new Person(null, "dana.db@nhs.net", "Dana Db", Role.COACH, "ACTIVE",
                "Europe/London", null, now, now));

        recording.record(contact("29:contract-2", "aad-c2", "Dana.DB@nhs.net", "ref"));
        RecordingTeamsContact.Outcome withoutEmail = recording.record(contact("29:contract-2b", "aad-c2", null, "ref"));

        assertThat(withoutEmail.person()).map(Person::id).contains(person.id());
    }

    @Test
    void twoRacingRecordsOfANewUserBothSucceedAndLeaveOneRow() throws Exception {
        for (int round = 0; round < 10; round++) {
            String user = "29:racer-" + round;
            String aad = "aad-racer-" + round;
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.concurrent.Callable<RecordingTeamsContact.Outcome> race = () -> {
                    together.await();
                    return recording.record(contact(user, aad, null, "ref"));
                };
                var a = pool.submit(race);
                var b = pool.submit(race);

                assertThat(java.util.List.of(a.get().firstContact(), b.get().firstContact())).containsOnlyOnce(true);
            } finally {
                pool.shutdownNow();
            }
            assertThat(java.util.stream.StreamSupport.stream(identities.findAll().spliterator(), false)
                    .filter(i -> i.teamsUserId().equals(user))).hasSize(1);
        }
    }

    @Test
    void anEmailDoesNotLinkAPersonBoundToAnotherAadObjectId() {
        Instant now = Instant.parse("2026-11-02T10:00:00Z");
        Person bound = people.save(new Person(null, "erin.bound@nhs.net", "Erin Bound", Role.PARTICIPANT, "ACTIVE",
                "Europe/London", "aad-erin", now, now));

        RecordingTeamsContact.Outcome other = recording.record(contact("29:not-erin", "aad-not-erin", "Erin.Bound@nhs.net", "ref"));

        assertThat(other.person()).isEmpty();
        assertThat(people.findById(bound.id()).orElseThrow().aadObjectId()).isEqualTo("aad-erin");
    }

    @Test
    void activityIdIsClaimedOnlyOnce() {
        assertThat(ledger.once("activity-contract-1", () -> "first")).contains("first");
        assertThat(ledger.once("activity-contract-1", () -> "again")).isEmpty();
    }

    @Test
    void activityIdOfATurnThatThrewIsFreeForTheRetry() {
        assertThatThrownBy(() -> ledger.once("activity-contract-2", () -> {
            throw new IllegalStateException("the turn failed");
        })).hasMessage("the turn failed");

        assertThat(ledger.once("activity-contract-2", () -> "retried")).contains("retried");
    }

    @Test
    void turnThatAnsweredForARefusedWriteIsAnsweredAndKeepsNothing() {
        Optional<String> answer = ledger.once("activity-contract-3", () -> {
            try {
                transactions.executeWrite(status -> {
                    throw new IllegalStateException("refused inside the turn");
                });
            } catch (IllegalStateException refused) {
                // the handler answers for it
            }
            return "that was refused";
        });

        assertThat(answer).contains("that was refused");
        assertThat(ledger.once("activity-contract-3", () -> "retried")).contains("retried");
    }

    private static TeamsContact contact(String userId, String aad, String email, String reference) {
        return new TeamsContact(userId, aad, "tenant", "Name", email, "https://smba.example/", "a:conv", reference);
    }
}
