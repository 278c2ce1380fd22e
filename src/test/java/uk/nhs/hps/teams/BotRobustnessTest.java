package uk.nhs.hps.teams;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.people.TeamsIdentityRepository;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.BotTestBase;
import uk.nhs.hps.support.CapturedLogs;
import uk.nhs.hps.support.TestUsers;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Retries, strangers, junk and failures: the bot answers sensibly and stores nothing it should not. */
@MicronautTest(transactional = false)
class BotRobustnessTest extends BotTestBase {

    @Inject
    TeamsIdentityRepository identities;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("hps.test.exploding-command", "true");
    }

    @Test
    void redeliveredActivityIsAnsweredOnlyOnce() {
        Activities activity = Activities.message("help").from(TestUsers.SAM);

        send(activity);
        int repliesAfterFirst = connector.messages().size();
        HttpResponse<String> retry = send(activity);

        assertThat(repliesAfterFirst).isPositive();
        assertThat(retry.statusCode()).isBetween(200, 202);
        assertThat(connector.messages()).hasSize(repliesAfterFirst);
    }

    @Test
    void activityFromTenantOutsideAllowListIsRefusedSilentlyAndNothingStored() {
        TestUsers.User outsider = new TestUsers.User("29:outsider", "aad-outsider", "Out Sider", "o@example.org");
        try (CapturedLogs logs = new CapturedLogs()) {
            HttpResponse<String> response = send(Activities.message("help").from(outsider).tenant(TestUsers.OTHER_TENANT));

            assertThat(response.statusCode()).isBetween(200, 202);
            assertThat(connector.calls()).isEmpty();
            assertThat(identities.findByTeamsUserId(outsider.teamsId())).isEmpty();
            assertThat(logs.everything()).contains("tenant=" + TestUsers.OTHER_TENANT);
        }
    }

    @Test
    void malformedJsonGetsShortJsonError() {
        HttpResponse<String> response = post("{\"type\": \"message\", ", "Bearer whatever");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"error\":");
    }

    @Test
    void bodyOver256KilobytesIsRefusedAsTooLarge() {
        Activities huge = Activities.message("x".repeat(300 * 1024));

        HttpResponse<String> response = send(huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(connector.calls()).isEmpty();
    }

    @Test
    void unknownActivityTypeIsAcceptedAndIgnored() {
        HttpResponse<String> response = send(Activities.ofType("messageReaction"));

        assertThat(response.statusCode()).isBetween(200, 202);
        assertThat(connector.messages()).isEmpty();
    }

    @Test
    void failingTurnApologisesAndLogsCorrelationIdButNotTheMessage() {
        Activities activity = Activities.message("explode my secret diary entry").from(TestUsers.PAT);

        try (CapturedLogs logs = new CapturedLogs()) {
            send(activity);

            assertThat(connector.messages()).last().extracting(c -> c.text())
                    .isEqualTo("Something went wrong on my side; it has been logged.");
            ILoggingEvent failure = logs.events().stream().filter(e -> e.getLevel() == Level.ERROR).findFirst().orElseThrow();
            assertThat(failure.getFormattedMessage()).contains("correlationId=" + activity.id());
            assertThat(logs.everything()).doesNotContain("secret diary");
        }
    }
}
