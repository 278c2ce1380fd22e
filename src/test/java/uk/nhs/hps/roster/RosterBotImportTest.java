package uk.nhs.hps.roster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.access.ProgrammeTeamMember;
import uk.nhs.hps.access.ProgrammeTeamRepository;
import uk.nhs.hps.cohort.ManagingCohorts;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.TeamsIdentityRepository;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.BotTestBase;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.FakeFileHost;
import uk.nhs.hps.support.TestUsers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The programme team sends the roster file to the bot in Teams, checks the dry run, and imports. */
@MicronautTest(transactional = false)
class RosterBotImportTest extends BotTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeFileHost files = new FakeFileHost();

    @Inject
    PersonRepository people;
    @Inject
    ProgrammeTeamRepository programmeTeam;
    @Inject
    ManagingCohorts cohorts;
    @Inject
    TeamsIdentityRepository identities;

    @BeforeAll
    void patIsOnTheProgrammeTeam() {
        Instant now = Instant.now();
        long pat = people.save(new Person(null, TestUsers.PAT.email(), TestUsers.PAT.name(), Role.PROGRAMME_TEAM,
                PersonStatus.ACTIVE, "Europe/London", TestUsers.PAT.aadObjectId(), null, null, null, null, null, null,
                null, now, now)).id();
        programmeTeam.save(new ProgrammeTeamMember(pat, now));
    }

    @AfterAll
    void stopFiles() {
        files.close();
    }

    @Test
    void fileFromTheProgrammeTeamGetsADryRunCardAndTheButtonImportsIt() {
        String cohort = cohort();
        String url = files.host(csv("bot.one@" + cohort + ".nhs.net,Bot One,,," + cohort + ",bot.s@" + cohort + ".nhs.net,,,,"));

        send(Activities.message("").file("roster.csv", url).from(TestUsers.PAT));

        JsonNode card = lastCard();
        assertThat(card.toString()).contains("Dry run, nothing written").contains("1 new");
        assertThat(people.findByEmail("bot.one@" + cohort + ".nhs.net")).isEmpty();
        JsonNode importButton = card.path("actions").get(0);
        assertThat(importButton.path("title").asText()).isEqualTo("Import 1 row(s)");
        connector.reset();

        send(Activities.cardSubmit((ObjectNode) importButton.path("data")).from(TestUsers.PAT));

        assertThat(connector.messages().get(0).text()).startsWith("Imported");
        assertThat(people.findByEmail("bot.one@" + cohort + ".nhs.net")).isPresent();
    }

    @Test
    void aFileSentWithNoTextFieldAtAllGetsTheDryRunCard() {
        String cohort = cohort();
        String url = files.host(csv("no.text@" + cohort + ".nhs.net,No Text,,," + cohort + ",s@" + cohort + ".nhs.net,,,,"));

        send(Activities.ofType("message").file("roster.csv", url).from(TestUsers.PAT));

        assertThat(lastCard().toString()).contains("Dry run, nothing written").contains("1 new");
    }

    @Test
    void dirtyFileListsProblemsAndOffersTheValidRowsOnly() {
        String cohort = cohort();
        String url = files.host(csv("ok@" + cohort + ".nhs.net,Ok,,," + cohort + ",s@" + cohort + ".nhs.net,,,,\n"
                + "broken-email,Broken,,," + cohort + ",s@" + cohort + ".nhs.net,,,,"));

        send(Activities.message("roster import").file("roster.csv", url).from(TestUsers.PAT));

        JsonNode card = lastCard();
        assertThat(card.toString()).contains("Line 3: malformed e-mail");
        assertThat(card.path("actions")).extracting(a -> a.path("title").asText())
                .containsExactly("Import only the 1 valid row(s)", "Cancel");
    }

    @Test
    void importPressedOnTheDryRunCardReplacesItWithWhatWasImported() throws Exception {
        String cohort = cohort();
        String url = files.host(csv("in.place@" + cohort + ".nhs.net,In Place,,," + cohort + ",s@" + cohort + ".nhs.net,,,,"));
        send(Activities.message("").file("roster.csv", url).from(TestUsers.PAT));
        JsonNode importButton = lastCard().path("actions").get(0);
        assertThat(importButton.path("type").asText()).isEqualTo("Action.Execute");

        JsonNode answer = JSON.readTree(send(Activities.execute(importButton.path("verb").asText(),
                (ObjectNode) importButton.path("data")).from(TestUsers.PAT)).body());

        assertThat(answer.path("type").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(answer.path("value").toString()).contains("Roster import", "Imported").doesNotContain("roster.import.all");
        assertThat(people.findByEmail("in.place@" + cohort + ".nhs.net")).isPresent();
    }

    @Test
    void cancelPressedOnTheDryRunCardReplacesItAndImportsNothing() throws Exception {
        String cohort = cohort();
        String url = files.host(csv("not.me@" + cohort + ".nhs.net,Not Me,,," + cohort + ",s@" + cohort + ".nhs.net,,,,"));
        send(Activities.message("").file("roster.csv", url).from(TestUsers.PAT));
        JsonNode cancel = lastCard().path("actions").get(1);

        JsonNode answer = JSON.readTree(send(Activities.execute(cancel.path("verb").asText(),
                (ObjectNode) cancel.path("data")).from(TestUsers.PAT)).body());

        assertThat(answer.path("value").toString()).contains("Cancelled; nothing was imported.");
        assertThat(people.findByEmail("not.me@" + cohort + ".nhs.net")).isEmpty();
    }

    @Test
    void theButtonWorksOnlyOnce() {
        String cohort = cohort();
        String url = files.host(csv("once@" + cohort + ".nhs.net,Once,,," + cohort + ",s@" + cohort + ".nhs.net,,,,"));
        send(Activities.message("").file("roster.csv", url).from(TestUsers.PAT));
        ObjectNode data = (ObjectNode) lastCard().path("actions").get(0).path("data");
        send(Activities.cardSubmit(data).from(TestUsers.PAT));
        connector.reset();

        send(Activities.cardSubmit(data).from(TestUsers.PAT));

        assertThat(connector.messages().get(0).text()).contains("already been finished");
    }

    @Test
    void someoneNotOnTheProgrammeTeamCannotImport() {
        String cohort = cohort();
        String url = files.host(csv("sneak@" + cohort + ".nhs.net,Sneak,,," + cohort + ",s@" + cohort + ".nhs.net,,,,"));

        send(Activities.message("roster import").file("roster.csv", url).from(TestUsers.STRANGER));

        assertThat(connector.messages()).extracting(FakeBotConnector.Call::text).contains("Only the programme team can import the roster.");
        assertThat(people.findByEmail("sneak@" + cohort + ".nhs.net")).isEmpty();
    }

    @Test
    void importedPersonIsLinkedWhenTheyInstallTheBot() {
        String cohort = cohort();
        String email = "link.me@" + cohort + ".nhs.net";
        String url = files.host(csv(email + ",Link Me,,," + cohort + ",s@" + cohort + ".nhs.net,,,,"));
        send(Activities.message("").file("roster.csv", url).from(TestUsers.PAT));
        send(Activities.cardSubmit((ObjectNode) lastCard().path("actions").get(0).path("data")).from(TestUsers.PAT));
        TestUsers.User user = new TestUsers.User("29:link-me", "aad-link-me", "Link Me", "  Link.Me@" + cohort.toUpperCase() + ".NHS.net");
        connector.knowsMember(user.teamsId(), user.name(), user.email(), user.aadObjectId());

        send(Activities.botInstalled().from(user));

        Person linked = people.findByEmail(email).orElseThrow();
        assertThat(linked.aadObjectId()).isEqualTo("aad-link-me");
        assertThat(identities.findByTeamsUserId(user.teamsId()).orElseThrow().personId()).isEqualTo(linked.id());
    }

    private JsonNode lastCard() {
        return connector.messages().stream().map(FakeBotConnector.Call::card).filter(c -> c != null)
                .reduce((a, b) -> b).orElseThrow();
    }

    private static byte[] csv(String rows) {
        return (RosterImportTest.HEADER + rows + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private String cohort() {
        String name = "bot" + UUID.randomUUID().toString().substring(0, 8);
        cohorts.create(new ManagingCohorts.CohortDetails(name, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31), null, null));
        return name;
    }

    @SuppressWarnings("unused")
    private static ObjectMapper json() {
        return JSON;
    }
}
