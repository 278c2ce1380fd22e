package uk.nhs.hps.teams;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.TeamsIdentity;
import uk.nhs.hps.people.TeamsIdentityRepository;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.BotTestBase;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.TestUsers;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Install, first contact, help and greetings, as a Teams user experiences them. */
@MicronautTest(transactional = false)
class ConversationBasicsTest extends BotTestBase {

    @Inject
    TeamsIdentityRepository identities;
    @Inject
    PersonRepository people;

    @Test
    void installStoresIdentityConversationReferenceAndEmailFromTeams() {
        TestUsers.User user = new TestUsers.User("29:install-1", "aad-install-1", "Ivy Install", "Ivy.Install@NHS.net");
        connector.knowsMember(user.teamsId(), user.name(), user.email(), user.aadObjectId());

        send(Activities.botInstalled().from(user));

        TeamsIdentity stored = identities.findByTeamsUserId(user.teamsId()).orElseThrow();
        assertThat(stored.aadObjectId()).isEqualTo(user.aadObjectId());
        assertThat(stored.tenantId()).isEqualTo(TestUsers.TENANT);
        assertThat(stored.displayName()).isEqualTo(user.name());
        assertThat(stored.email()).isEqualTo("ivy.install@nhs.net");
        assertThat(stored.serviceUrl()).isEqualTo(connector.serviceUrl());
        assertThat(stored.conversationReference()).contains(user.conversationId());
    }

    @Test
    void installUpdateAddSendsWelcomeCard() {
        TestUsers.User user = new TestUsers.User("29:install-2", "aad-install-2", "Wes Welcome", "wes@nhs.net");

        send(Activities.installationAdd().from(user));

        assertThat(cardTitles()).containsExactly("Welcome to HPS Companion, Wes");
    }

    @Test
    void aNamelessInstallIsGreetedByTheGivenNameTeamsHolds() {
        TestUsers.User user = new TestUsers.User("29:install-5", "aad-install-5", null, "gwen@nhs.net");
        connector.knowsMember(user.teamsId(), "Dr Gwendolyn Given", "Gwendolyn", user.email(), user.aadObjectId());

        send(Activities.installationAdd().from(user));

        assertThat(cardTitles()).containsExactly("Welcome to HPS Companion, Gwendolyn");
    }

    @Test
    void aPersonalInstallsTwoActivitiesGreetOnce() {
        TestUsers.User user = new TestUsers.User("29:install-6", "aad-install-6", "Otto Once", "otto@nhs.net");
        connector.knowsMember(user.teamsId(), user.name(), user.email(), user.aadObjectId());

        send(Activities.installationAdd().from(user));
        send(Activities.botInstalled().from(user));

        assertThat(cardTitles()).containsExactly("Welcome to HPS Companion, Otto");
    }

    @Test
    void installLinksTheTeamsUserToTheirRosterEntryByEmailIgnoringCase() {
        Person rostered = people.save(person("lena.link@nhs.net", "Lena Link", Role.SPONSOR));
        TestUsers.User user = new TestUsers.User("29:install-3", "aad-install-3", "Lena Link", "  LENA.Link@nhs.NET ");
        connector.knowsMember(user.teamsId(), user.name(), user.email(), user.aadObjectId());

        send(Activities.botInstalled().from(user));

        assertThat(identities.findByTeamsUserId(user.teamsId()).orElseThrow().personId()).isEqualTo(rostered.id());
        assertThat(people.findById(rostered.id()).orElseThrow().aadObjectId()).isEqualTo(user.aadObjectId());
    }

    @Test
    void memberLookupFailureStillStoresIdentityWithoutEmail() {
        TestUsers.User user = new TestUsers.User("29:install-4", "aad-install-4", "Nora Nolookup", null);

        send(Activities.botInstalled().from(user));

        assertThat(identities.findByTeamsUserId(user.teamsId()).orElseThrow().email()).isNull();
        assertThat(connector.messages()).hasSize(1);
    }

    @Test
    void firstMessageFromNewUserGetsWelcomeCardOnce() {
        TestUsers.User user = new TestUsers.User("29:first-1", "aad-first-1", "Fran First", "fran@nhs.net");

        send(Activities.message("hello").from(user));
        List<String> firstTitles = cardTitles();
        connector.reset();
        send(Activities.message("help").from(user));

        assertThat(firstTitles).containsExactly("Welcome to HPS Companion, Fran");
        assertThat(cardTitles()).containsExactly("What I can do for you");
    }

    @Test
    void helpCardTellsSomeoneNotOnTheRosterHowToBeAdded() {
        send(Activities.message("help").from(TestUsers.STRANGER));

        assertThat(lastCardText()).contains("ask the programme team to add your work e-mail address");
    }

    @Test
    void helpCardNamesTheRoleOfSomeoneOnTheRoster() {
        people.save(person("rosa.role@nhs.net", "Rosa Role", Role.PARTICIPANT));
        TestUsers.User user = new TestUsers.User("29:role-1", "aad-role-1", "Rosa Role", "rosa.role@nhs.net");
        connector.knowsMember(user.teamsId(), user.name(), user.email(), user.aadObjectId());
        send(Activities.botInstalled().from(user));
        connector.reset();

        send(Activities.message("help").from(user));

        assertThat(lastCardText()).contains("You're a participant on the scheme.").doesNotContain("add your work e-mail");
    }

    @Test
    void helpGroupsAParticipantsCommandsAndOffersTheCommonOnesAsButtons() {
        people.save(person("paddy.help@nhs.net", "Paddy Help", Role.PARTICIPANT));
        TestUsers.User user = new TestUsers.User("29:help-1", "aad-help-1", "Paddy Help", "paddy.help@nhs.net");
        connector.knowsMember(user.teamsId(), user.name(), user.email(), user.aadObjectId());
        send(Activities.botInstalled().from(user));
        connector.reset();

        send(Activities.message("help").from(user));

        JsonNode card = connector.messages().get(0).card();
        assertThat(lastCardText()).contains("For you as a participant", "For everyone");
        assertThat(card.findValues("msteams")).extracting(m -> m.path("type").asText() + " " + m.path("value").asText())
                .containsExactly("imBack log reflection", "imBack my reflections", "imBack meeting");
    }

    @Test
    void aCoachIsToldWhatTheyCanDo() {
        people.save(person("cora.coach@nhs.net", "Cora Coach", Role.COACH));
        TestUsers.User user = new TestUsers.User("29:help-2", "aad-help-2", "Cora Coach", "cora.coach@nhs.net");
        connector.knowsMember(user.teamsId(), user.name(), user.email(), user.aadObjectId());
        send(Activities.botInstalled().from(user));
        connector.reset();

        send(Activities.message("help").from(user));

        assertThat(lastCardText()).contains("You're a coach on the scheme. Coaching sessions aren't arranged or recorded in this chat");
    }

    @Test
    void greetingGetsShortAnswerAndHelpCard() {
        send(Activities.message("hi").from(TestUsers.SAM));
        connector.reset();

        send(Activities.message("Good morning!").from(TestUsers.SAM));

        List<FakeBotConnector.Call> replies = connector.messages();
        assertThat(replies).hasSize(2);
        assertThat(replies.get(0).text()).startsWith("Hello Sam");
        assertThat(replies.get(1).card().path("version").asText()).isEqualTo("1.5");
    }

    @Test
    void mentionOfTheBotIsIgnoredWhenReadingCommands() {
        send(Activities.message("hi").from(TestUsers.PAT));
        connector.reset();

        send(Activities.message("<at>HPS Companion</at> help").from(TestUsers.PAT));

        assertThat(cardTitles()).containsExactly("What I can do for you");
    }

    @Test
    void otherTextGoesToTheFaq() {
        send(Activities.message("hi").from(TestUsers.ALICE));
        connector.reset();

        send(Activities.message("how long is the scheme").from(TestUsers.ALICE));

        assertThat(connector.messages()).hasSize(1);
        assertThat(connector.messages().get(0).card().path("body").get(0).path("id").asText()).isEqualTo("faq-answer");
    }

    @Test
    void cardExecuteActionAnswersWithTheRefreshedCardInTheInvokeResponse() throws Exception {
        send(Activities.message("hi").from(TestUsers.SAM));
        connector.reset();

        java.net.http.HttpResponse<String> response = send(Activities.execute("help",
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()).from(TestUsers.SAM));

        JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body.path("type").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(body.path("value").path("body").get(0).path("text").asText()).isEqualTo("What I can do for you");
        assertThat(connector.messages()).isEmpty();
    }

    private List<String> cardTitles() {
        return connector.messages().stream().map(FakeBotConnector.Call::card).filter(c -> c != null)
                .map(c -> c.path("body").get(0).path("text").asText()).toList();
    }

    private String lastCardText() {
        JsonNode card = connector.messages().stream().map(FakeBotConnector.Call::card).filter(c -> c != null)
                .reduce((a, b) -> b).orElseThrow();
        return card.toString();
    }

    private static Person person(String email, String name, Role role) {
        Instant now = Instant.parse("2026-11-01T09:00:00Z");
        return new Person(null, email, name, role, "ACTIVE", "Europe/London", null, now, now);
    }
}
