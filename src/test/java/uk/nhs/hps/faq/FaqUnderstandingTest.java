package uk.nhs.hps.faq;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.people.CoachAssignment;
import uk.nhs.hps.people.CoachAssignmentRepository;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.BotTestBase;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.TestUsers;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 as people meet it, through /api/messages with the embedding model loaded: small talk, questions about
 * one's own sponsor and coach, stacked suggestions, the source on every answer, dated answers, two-part questions
 * and input that is not a question.
 */
@MicronautTest(transactional = false)
class FaqUnderstandingTest extends BotTestBase {

    @Inject
    KnowledgeBase knowledgeBase;
    @Inject
    PersonRepository people;
    @Inject
    SponsorshipRepository sponsorships;
    @Inject
    CoachAssignmentRepository coaching;
    @Inject
    FaqStore.Queries queries;

    private static boolean rosterReady;

    @BeforeEach
    void meaningLoadedAndRoster() {
        assertThat(knowledgeBase.awaitMeaning(Duration.ofMinutes(2))).as("embedding model loaded").isTrue();
        if (!rosterReady) {
            Instant then = Instant.parse("2026-01-01T00:00:00Z");
            Person sam = person(TestUsers.SAM, Role.SPONSOR, then);
            Person alice = person(TestUsers.ALICE, Role.PARTICIPANT, then);
            Person pat = person(TestUsers.PAT, Role.PROGRAMME_TEAM, then);
            sponsorships.save(new Sponsorship(null, alice.id(), sam.id(), LocalDate.of(2026, 1, 1), null, then));
            coaching.save(new CoachAssignment(null, alice.id(), pat.id(), LocalDate.of(2026, 1, 1), null, then));
            send(Activities.message("hi").from(TestUsers.ALICE));
            send(Activities.message("hi").from(TestUsers.SAM));
            rosterReady = true;
        }
        connector.reset();
    }

    @Test
    void thanksGetsAShortFriendlyReplyWithoutATicketButton() {
        send(Activities.message("thanks!").from(TestUsers.ALICE));

        assertThat(connector.messages()).hasSize(1);
        assertThat(connector.messages().get(0).card()).isNull();
        assertThat(connector.messages().get(0).text()).startsWith("You're welcome");
    }

    @Test
    void okByeAndHelloQuestionMarkAreSmallTalkNotUnknownQuestions() {
        long before = queries.count();
        for (String chat : List.of("ok", "bye", "hello?")) {
            connector.reset();
            send(Activities.message(chat).from(TestUsers.ALICE));
            assertThat(connector.messages()).as(chat).hasSize(1);
            assertThat(connector.messages().get(0).card()).as(chat).isNull();
        }

        assertThat(queries.count()).isEqualTo(before);
    }

    @Test
    void whoIsMySponsorIsAnsweredFromTheAskersOwnRecords() {
        send(Activities.message("who is my sponsor?").from(TestUsers.ALICE));

        assertThat(connector.messages().get(0).text()).isEqualTo("Your sponsor is **Sam Sponsor** (sam.sponsor@nhs.net).");
    }

    @Test
    void whoIsMyCoachIsAnsweredFromTheAskersOwnRecords() {
        send(Activities.message("who's my coach").from(TestUsers.ALICE));

        assertThat(connector.messages().get(0).text()).startsWith("Your career coach is **Pat Programme**");
    }

    @Test
    void someoneWithoutASponsorIsToldSoNotGivenTheGenericEntry() {
        send(Activities.message("who is my sponsor?").from(TestUsers.SAM));

        assertThat(connector.messages().get(0).text()).startsWith("You don't have a sponsor on the roster yet");
        assertThat(connector.messages().get(0).card()).isNull();
    }

    @Test
    void nextMeetingQuestionNamesTheSponsorAndTheMeetingCommands() {
        send(Activities.message("when is my next meeting?").from(TestUsers.ALICE));

        assertThat(connector.messages().get(0).text()).contains("Sam Sponsor", "**meetings**");
    }

    @Test
    void someoneNotOnTheRosterGetsASensibleSentence() {
        send(Activities.message("who is my coach?").from(TestUsers.STRANGER));

        assertThat(connector.messages()).last().extracting(FakeBotConnector.Call::text).asString()
                .startsWith("I can't find you on the scheme's roster");
    }

    @Test
    void answerCardNamesItsDocumentAndSection() {
        JsonNode card = ask("which stream is for band 8c people");

        assertThat(title(card)).isEqualTo("Who is development stream 2 for?");
        assertThat(textById(card, "faq-source"))
                .isEqualTo("Source: Guidance on Career Transitions for applicants, section 'Development stream 2'");
    }

    @Test
    void answersFromTheOtherDocumentsAreGiven() {
        JsonNode card = ask("can i nominate myself for the aspire together talent pool");

        assertThat(title(card)).isEqualTo("Can I nominate myself for the Aspire Together talent pool?");
        assertThat(card.toString()).contains("aspire.together@nhs.net");
    }

    @Test
    void datedAnswerSaysWhereItsDatesComeFromAndThatTheTeamCanUpdateIt() {
        JsonNode card = ask("when do cohort 2 applications open and close");

        assertThat(textById(card, "faq-dated-note")).contains("as published in HPS FAQ",
                "The programme team can update this answer");
    }

    @Test
    void undatedAnswerHasNoDatedNote() {
        JsonNode card = ask("how long is the programme");

        assertThat(textById(card, "faq-dated-note")).isEmpty();
    }

    @Test
    void suggestionsAreStackedOnePerRowWithWholeTitles() {
        JsonNode card = ask("leadership");

        assertThat(title(card)).startsWith("I'm not sure I understood");
        List<JsonNode> rows = new ArrayList<>();
        card.path("body").forEach(e -> {
            if (e.has("selectAction")) {
                rows.add(e);
            }
        });
        assertThat(rows).hasSizeBetween(2, 3);
        for (JsonNode row : rows) {
            assertThat(row.path("items").get(0).path("wrap").asBoolean()).isTrue();
            assertThat(row.path("items").get(0).path("text").asText())
                    .isEqualTo(row.path("selectAction").path("title").asText());
        }
        assertThat(card.path("actions").isMissingNode() || card.path("actions").isEmpty()).isTrue();
    }

    @Test
    void twoPartQuestionGetsBothAnswers() {
        send(Activities.message("is there a cap on the number of applications and who assesses the candidates")
                .from(TestUsers.ALICE));

        List<String> titles = connector.messages().stream().map(FakeBotConnector.Call::card).filter(c -> c != null)
                .map(FaqUnderstandingTest::title).toList();
        assertThat(titles).containsExactly("Is there a cap on application numbers?", "Who will assess the candidates?");
    }

    @Test
    void aQuestionInAnotherLanguageGetsAClearReplyNotAnError() {
        HttpResponse<String> response = send(Activities.message("¿Cuándo empieza el programa de liderazgo?").from(TestUsers.ALICE));

        assertThat(response.statusCode()).isLessThan(300);
        assertThat(connector.messages()).hasSize(1);
    }

    private JsonNode ask(String question) {
        connector.reset();
        send(Activities.message(question).from(TestUsers.ALICE));
        return connector.messages().stream().map(FakeBotConnector.Call::card).filter(c -> c != null)
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no card in " + connector.messages()));
    }

    private Person person(TestUsers.User user, Role role, Instant then) {
        return people.findByEmail(user.email()).orElseGet(() -> people.save(new Person(null, user.email(), user.name(), role,
                PersonStatus.ACTIVE, "Europe/London", user.aadObjectId(), null, null, null, null, null, null, null, then, then)));
    }

    private static String title(JsonNode card) {
        return card.path("body").get(0).path("text").asText();
    }

    private static String textById(JsonNode card, String id) {
        for (JsonNode e : card.path("body")) {
            if (e.path("id").asText().equals(id)) {
                return e.path("text").asText();
            }
        }
        return "";
    }
}
