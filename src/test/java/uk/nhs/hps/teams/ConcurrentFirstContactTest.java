package uk.nhs.hps.teams;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.people.TeamsIdentity;
import uk.nhs.hps.people.TeamsIdentityRepository;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.RecordsTestBase;
import uk.nhs.hps.support.TestUsers;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A personal install sends installationUpdate and conversationUpdate at the same moment; for a new user both
 * turns record the same Teams identity. Neither may fail (issue 10, section 6).
 */
@MicronautTest(transactional = false)
class ConcurrentFirstContactTest extends RecordsTestBase {

    private static final int NEW_USERS = 12;

    @Inject
    TeamsIdentityRepository identities;

    @Test
    void installAndConversationUpdateAtOnceGiveNoErrorAndOneIdentityRow() throws Exception {
        List<TestUsers.User> users = new ArrayList<>();
        List<HttpResponse<String>> responses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < NEW_USERS; i++) {
                TestUsers.User user = newUser("Racing Installer");
                users.add(user);
                CountDownLatch start = new CountDownLatch(1);
                Future<HttpResponse<String>> install = pool.submit(() -> {
                    start.await();
                    return send(Activities.installationAdd().from(user));
                });
                Future<HttpResponse<String>> update = pool.submit(() -> {
                    start.await();
                    return send(Activities.botInstalled().from(user));
                });
                start.countDown();
                responses.add(install.get());
                responses.add(update.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(responses).allMatch(r -> r.statusCode() >= 200 && r.statusCode() < 300);
        assertThat(connector.messages()).extracting(FakeBotConnector.Call::text)
                .doesNotContain(HpsBotAdapter.APOLOGY);
        List<TeamsIdentity> all = StreamSupport.stream(identities.findAll().spliterator(), false).toList();
        for (TestUsers.User user : users) {
            assertThat(all).filteredOn(i -> i.teamsUserId().equals(user.teamsId())).hasSize(1);
            assertThat(connector.messagesTo(user.conversationId())).as("one welcome").hasSize(1);
        }
    }
}
