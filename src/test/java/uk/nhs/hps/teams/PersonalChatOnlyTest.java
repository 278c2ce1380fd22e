package uk.nhs.hps.teams;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.delivery.Outbox;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.TeamsIdentity;
import uk.nhs.hps.people.TeamsIdentityRepository;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.RecordsTestBase;
import uk.nhs.hps.support.TestUsers;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bot serves a person only in their 1:1 chat: a channel, group chat or meeting gets one sentence pointing
 * there, and nothing is run or recorded (issue 10, section 3).
 */
@MicronautTest(transactional = false)
class PersonalChatOnlyTest extends RecordsTestBase {

    private static final String CHANNEL = "19:general@thread.tacv2";
    private static final String GROUP = "19:group-chat@thread.v2";
    private static final String MEETING = "19:meeting_abc@thread.v2";

    @Inject
    TeamsIdentityRepository identities;
    @Inject
    Outbox outbox;

    @Test
    void myDataInAChannelGetsOneSentenceAndNoExportLink() {
        TestUsers.User user = newUser("Channel Person");
        onRoster(user, Role.PARTICIPANT, cohort().id());

        send(Activities.message("my data").from(user).inChannel(CHANNEL));

        List<FakeBotConnector.Call> toChannel = connector.messagesTo(CHANNEL);
        assertThat(toChannel).hasSize(1);
        assertThat(toChannel.get(0).text()).startsWith("I only work in a 1:1 chat with you")
                .contains("https://teams.microsoft.com/l/chat/0/0?users=28:" + APP_ID)
                .doesNotContain("/privacy/my-data/");
        assertThat(connector.messagesTo(user.conversationId())).isEmpty();
    }

    @Test
    void myReflectionsInAGroupChatAnswersNothingIntoTheGroup() {
        TestUsers.User user = newUser("Group Person");
        onRoster(user, Role.PARTICIPANT, cohort().id());

        send(Activities.message("my reflections").from(user).inGroupChat(GROUP));

        List<FakeBotConnector.Call> toGroup = connector.messagesTo(GROUP);
        assertThat(toGroup).extracting(FakeBotConnector.Call::text)
                .containsExactly("I only work in a 1:1 chat with you: [open it here]"
                        + "(https://teams.microsoft.com/l/chat/0/0?users=28:" + APP_ID + ").");
    }

    @Test
    void aMeetingChatIsRefusedLikeAGroupChat() {
        TestUsers.User user = newUser("Meeting Person");
        onRoster(user, Role.PARTICIPANT, cohort().id());

        send(Activities.message("help").from(user).inMeeting(MEETING));

        assertThat(connector.messagesTo(MEETING)).extracting(FakeBotConnector.Call::text)
                .allMatch(t -> t.startsWith("I only work in a 1:1 chat with you")).hasSize(1);
    }

    @Test
    void aChannelMessageDoesNotReplaceTheStoredConversation() {
        TestUsers.User user = newUser("Kept Person");
        onRoster(user, Role.PARTICIPANT, cohort().id());
        TeamsIdentity before = identities.findByTeamsUserId(user.teamsId()).orElseThrow();

        send(Activities.message("my data").from(user).inChannel(CHANNEL));

        TeamsIdentity after = identities.findByTeamsUserId(user.teamsId()).orElseThrow();
        assertThat(after.conversationId()).isEqualTo(user.conversationId());
        assertThat(after.conversationReference()).isEqualTo(before.conversationReference());
        assertThat(after.lastSeenAt()).isEqualTo(before.lastSeenAt());
    }

    @Test
    void theNextProactiveMessageStillGoesToThePersonalChat() {
        TestUsers.User user = newUser("Proactive Person");
        long id = onRoster(user, Role.PARTICIPANT, cohort().id());
        send(Activities.message("my reflections").from(user).inGroupChat(GROUP));
        connector.reset();

        outbox.enqueueIfReachable(Outbox.Request.toPerson("personal-only-" + id, id, Reply.text("A new announcement")));
        deliverOutbox();

        assertThat(connector.messagesTo(user.conversationId())).extracting(FakeBotConnector.Call::text)
                .containsExactly("A new announcement");
        assertThat(connector.messagesTo(GROUP)).isEmpty();
    }

    @Test
    void aCardButtonPressedInAGroupChatAnswersWithTheSentenceNotA501() {
        TestUsers.User user = newUser("Card Person");
        onRoster(user, Role.PARTICIPANT, cohort().id());

        HttpResponse<String> response = send(Activities.execute("reflection-save",
                node(Map.of("action", "reflection-save"))).from(user).inGroupChat(GROUP));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("I only work in a 1:1 chat with you");
    }

    @Test
    void aPersonalChatStillWorks() {
        TestUsers.User user = newUser("Personal Person");
        onRoster(user, Role.PARTICIPANT, cohort().id());

        say(user, "my data");

        assertThat(last(user).text()).contains("15 minutes");
    }
}
