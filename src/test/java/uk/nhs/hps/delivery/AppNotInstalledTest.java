package uk.nhs.hps.delivery;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.RecordsTestBase;
import uk.nhs.hps.support.TestUsers;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without Graph configured, a chat can be opened only with someone who has the app (e.g. pre-installed by a setup
 * policy). When Teams refuses, the message fails and the programme team is told why and what to do.
 */
@MicronautTest(transactional = false)
class AppNotInstalledTest extends RecordsTestBase {

    @Inject
    Outbox outbox;

    @Test
    void aChatTeamsRefusesToOpenIsReportedAsNotInstalled() {
        TestUsers.User team = newUser("Team Member");
        onRoster(team, Role.PROGRAMME_TEAM, null);
        TestUsers.User user = newUser("Not Installed");
        Instant now = Instant.now();
        long id = people.save(new Person(null, user.email(), user.name(), Role.PARTICIPANT, PersonStatus.ACTIVE,
                "Europe/London", user.aadObjectId(), null, null, null, null, null, null, null, now, now)).id();
        outbox.enqueue(Outbox.Request.toPerson("nudge-" + id, id, Reply.text("Time to meet your sponsor")));
        connector.script(FakeBotConnector.Scripted.status(403));

        deliverOutbox();

        assertThat(outbox.find("nudge-" + id).orElseThrow().status()).isEqualTo(OutboundStatus.FAILED);
        assertThat(connector.messagesTo(team.conversationId())).singleElement().satisfies(c -> assertThat(c.text())
                .contains("I can't reach Not Installed").contains("not installed for them")
                .contains("GRAPH_TEAMS_APP_CATALOG_ID").contains("setup policy"));
    }
}
