package uk.nhs.hps.conversation;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.TeamsIdentityRepository;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.RecordsTestBase;
import uk.nhs.hps.support.TestUsers;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An activity id is claimed in the same transaction as the turn's writes: a turn that failed leaves
 * nothing behind, so Teams' retry is handled; deliveries of one id racing each other give one reply and
 * one record. H2 here, PostgreSQL in the subclass.
 */
@MicronautTest(transactional = false)
class ActivityOnceBotTest extends RecordsTestBase {

    @Inject
    TransactionOperations<Connection> connections;
    @Inject
    TeamsIdentityRepository identities;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("hps.test.exploding-command", "true");
    }

    @Test
    void retryOfATurnThatFailedIsHandledAgainNotDroppedAsADuplicate() {
        TestUsers.User dee = newUser("Dee Retry");
        Activities failing = Activities.message("explode").from(dee);
        send(failing);
        connector.reset();

        send(failing);

        assertThat(connector.messagesTo(dee.conversationId())).singleElement()
                .extracting(c -> c.text()).isEqualTo("Something went wrong on my side; it has been logged.");
        assertThat(claims(failing.id())).isZero();
    }

    @Test
    void aTurnThatFailedKeepsNoneOfItsWrites() {
        TestUsers.User newcomer = newUser("Nia Newcomer");

        send(Activities.message("explode").from(newcomer));

        assertThat(identities.findByTeamsUserId(newcomer.teamsId())).isEmpty();
    }

    @Test
    void concurrentDeliveriesOfOneActivityGiveOneReplyAndOneEntry() throws Exception {
        TestUsers.User ann = newUser("Ann Racing");
        long id = onRoster(ann, Role.PARTICIPANT, null);
        Activities save = Activities.cardSubmit(node(Map.of("action", "reflection.save", "template", "rolfe",
                "title", "Raced", "experiencedOn", "2026-11-20", "step_what", "I led the huddle.", "source", "experience",
                "share", "false"))).from(ann);
        CountDownLatch go = new CountDownLatch(1);

        List<CompletableFuture<Integer>> deliveries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            deliveries.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return send(save).statusCode();
            }));
        }
        go.countDown();

        assertThat(deliveries).allSatisfy(d -> assertThat(d.join()).isBetween(200, 202));
        assertThat(connector.messagesTo(ann.conversationId())).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM reflection_entry WHERE person_id = " + id)).isEqualTo(1);
        assertThat(claims(save.id())).isEqualTo(1);
    }

    private long claims(String activityId) {
        return count("SELECT COUNT(*) FROM processed_activity WHERE activity_id = '" + activityId + "'");
    }

    private long count(String sql) {
        return connections.executeRead(status -> {
            try (Statement s = status.getConnection().createStatement(); ResultSet rows = s.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
