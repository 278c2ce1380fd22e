package uk.nhs.hps.faq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.access.ProgrammeTeamMember;
import uk.nhs.hps.access.ProgrammeTeamRepository;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.BotTestBase;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.TestUsers;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The FAQ as people meet it in Teams: questions in, cards out, buttons pressed, all through /api/messages. */
@MicronautTest(transactional = false)
class FaqConversationTest extends BotTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    PersonRepository people;
    @Inject
    FaqStore.Queries queries;
    @Inject
    FaqStore.Feedback feedback;
    @Inject
    FaqStore.Tickets tickets;
    @Inject
    KnowledgeBase knowledgeBase;
    @Inject
    ProgrammeTeamRepository programmeTeam;
    @Inject
    uk.nhs.hps.delivery.Outbox outbox;

    @org.junit.jupiter.api.BeforeEach
    void meaningLoaded() {
        assertThat(knowledgeBase.awaitMeaning(java.time.Duration.ofMinutes(2))).as("embedding model loaded").isTrue();
    }

    @Test
    void paraphrasedQuestionGetsTheAnswerCardNamingTheQuestionItAnswered() {
        JsonNode card = ask(TestUsers.ALICE, "what if i need maternity leave while i'm on the scheme");

        assertThat(title(card)).isEqualTo(knowledgeBase.find("leave-from-scheme").orElseThrow().question());
        assertThat(card.toString()).contains("You asked: \\\"what if i need maternity leave while i'm on the scheme\\\"",
                "Each case will be dealt with on an individual basis", "Helpful", "Not helpful");
    }

    @Test
    void typoAndUkPhrasingStillFindTheAnswer() {
        JsonNode card = ask(TestUsers.ALICE, "do i need my line mangers support to apply?");

        assertThat(title(card)).isEqualTo("What is the application process?");
    }

    @Test
    void offTopicQuestionGetsTheHonestFallbackWithAskTheProgrammeTeam() {
        JsonNode card = ask(TestUsers.ALICE, "tell me a joke");

        assertThat(title(card)).isEqualTo("I don't know the answer to that.");
        assertThat(actions(card)).containsExactly("Ask the programme team");
        assertThat(lastQuery().outcome()).isEqualTo("FALLBACK");
    }

    @Test
    void unsureQuestionGetsUpToThreeSuggestionsAndPickingOneAnswersIt() {
        JsonNode card = ask(TestUsers.ALICE, "leadership");

        assertThat(title(card)).startsWith("I'm not sure I understood");
        List<JsonNode> buttons = StreamSupport.stream(card.path("body").spliterator(), false)
                .filter(e -> e.has("selectAction")).map(e -> e.path("selectAction")).toList();
        assertThat(buttons).hasSizeBetween(2, 3);
        assertThat(card.toString()).contains("None of these: ask the programme team");
        JsonNode firstSuggestion = buttons.get(0).path("data");

        connector.reset();
        send(Activities.cardSubmit(firstSuggestion.deepCopy()).from(TestUsers.ALICE));

        JsonNode answer = onlyCard();
        assertThat(title(answer)).isEqualTo(buttons.get(0).path("title").asText());
        assertThat(lastQuery().outcome()).isEqualTo("PICKED");
        assertThat(lastQuery().entryId()).isEqualTo(firstSuggestion.path("entryId").asText());
    }

    @Test
    void feedbackIsStoredWithTheQuestionAskedAndTheEntryShown() {
        JsonNode card = ask(TestUsers.ALICE, "how long does hps last");
        JsonNode notHelpful = button(card, "Not helpful");

        connector.reset();
        send(Activities.cardSubmit(notHelpful.deepCopy()).from(TestUsers.ALICE));

        FaqStore.FeedbackRow stored = feedback.findByQueryId(lastQuery().id()).orElseThrow();
        assertThat(stored.helpful()).isFalse();
        assertThat(stored.entryId()).isEqualTo("programme-length");
        assertThat(stored.question()).isEqualTo("how long does hps last");
        assertThat(connector.messages().get(0).text()).startsWith("Thanks for telling me");
    }

    @Test
    void feedbackOnSomeoneElsesQuestionGetsAFriendlyErrorCardAndStoresNothing() {
        JsonNode card = ask(TestUsers.ALICE, "how long does hps last");
        long aliceQuery = lastQuery().id();

        connector.reset();
        send(Activities.cardSubmit(button(card, "Helpful").deepCopy()).from(TestUsers.SAM));

        assertThat(title(onlyCard())).isEqualTo("Sorry, that button didn't work");
        assertThat(feedback.findByQueryId(aliceQuery)).isEmpty();
    }

    @Test
    void tamperedIdsGetAFriendlyErrorCard() {
        for (String tampered : List.of("999999", "-1", "1 OR 1=1", "abc")) {
            connector.reset();
            ObjectNode data = JSON.createObjectNode().put("action", "faq.feedback").put("queryId", tampered).put("helpful", true);
            send(Activities.cardSubmit(data).from(TestUsers.ALICE));
            assertThat(title(onlyCard())).as(tampered).isEqualTo("Sorry, that button didn't work");
        }
        connector.reset();
        send(Activities.cardSubmit(JSON.createObjectNode().put("action", "faq.ticket.answer").put("ticketId", "1")
                .put("answer", "hi")).from(TestUsers.ALICE));
        assertThat(title(onlyCard())).isEqualTo("Only the programme team can do that");
    }

    @Test
    void askingTheProgrammeTeamRecordsATicketAndNotifiesThem() {
        programmeTeamMember();
        JsonNode fallback = ask(TestUsers.ALICE, "can i bring my dog to the launch party");

        connector.reset();
        send(Activities.cardSubmit(askButton(fallback).deepCopy()).from(TestUsers.ALICE));
        deliverOutbox();

        FaqStore.TicketRow ticket = tickets.findByQueryId(lastQuery().id()).orElseThrow();
        assertThat(ticket.status()).isEqualTo("OPEN");
        assertThat(ticket.question()).isEqualTo("can i bring my dog to the launch party");
        assertThat(connector.messagesTo(TestUsers.ALICE.conversationId()).get(0).text())
                .startsWith("Thanks. I've passed your question to the programme team (question #" + ticket.id() + ")");
        JsonNode notice = connector.messagesTo(TestUsers.PAT.conversationId()).get(0).card();
        assertThat(title(notice)).isEqualTo("Question #" + ticket.id() + " for the programme team");
        assertThat(notice.toString()).contains("can i bring my dog to the launch party", "Alice Participant");
    }

    @Test
    void theNoticeToTheProgrammeTeamKeepsTheOutboxKeyItAlwaysHadSoItIsNeverSentTwice() {
        programmeTeamMember();
        JsonNode fallback = ask(TestUsers.ALICE, "can my cat come to the graduation dinner");

        send(Activities.cardSubmit(askButton(fallback).deepCopy()).from(TestUsers.ALICE));

        FaqStore.TicketRow ticket = tickets.findByQueryId(lastQuery().id()).orElseThrow();
        long pat = people.findByEmail(TestUsers.PAT.email()).orElseThrow().id();
        assertThat(outbox.find("faq-ticket:" + ticket.id() + ":notify:" + pat + "#0")).isPresent();
    }

    @Test
    void theProgrammeTeamIsNotOfferedToAskItselfAboutAnUnknownCommand() {
        programmeTeamMember();

        JsonNode card = ask(TestUsers.PAT, "tell me a joke");

        assertThat(title(card)).isEqualTo("I don't know the answer to that.");
        assertThat(actions(card)).isEmpty();
        assertThat(card.toString()).contains("Type **help** for your commands");
    }

    @Test
    void aBlankTicketAnswerIsRefusedWithoutTheAskersHint() {
        programmeTeamMember();
        JsonNode fallback = ask(TestUsers.ALICE, "may i wear trainers to the residential");
        send(Activities.cardSubmit(askButton(fallback).deepCopy()).from(TestUsers.ALICE));
        deliverOutbox();
        JsonNode notice = connector.messagesTo(TestUsers.PAT.conversationId()).get(0).card();
        ObjectNode answer = button(notice, "Send answer").deepCopy();
        answer.put("answer", "   ");
        connector.reset();

        send(Activities.cardSubmit(answer).from(TestUsers.PAT));

        JsonNode error = connector.messagesTo(TestUsers.PAT.conversationId()).get(0).card();
        assertThat(title(error)).isEqualTo("The answer needs some text");
        assertThat(error.toString()).doesNotContain("Type your question again");
    }

    @Test
    void aBlankAnswerPressedOnTheTicketCardLeavesTheCardInPlaceAndSaysWhy() throws Exception {
        JsonNode notice = ticketNoticeFor("may i bring a guest to the residential");
        ObjectNode answer = button(notice, "Send answer").deepCopy();
        answer.put("answer", "  ");

        java.net.http.HttpResponse<String> pressed = send(Activities.execute("faq.ticket.answer", answer).from(TestUsers.PAT));

        JsonNode response = JSON.readTree(pressed.body());
        assertThat(response.path("type").asText()).isEqualTo("application/vnd.microsoft.activity.message");
        assertThat(response.path("value").asText()).contains("The answer needs some text");
    }

    @Test
    void anAnswerPressedOnTheTicketCardReplacesItWithTheAnsweredCard() throws Exception {
        JsonNode notice = ticketNoticeFor("can my sponsor join the graduation lunch");
        ObjectNode answer = button(notice, "Send answer").deepCopy();
        answer.put("answer", "Yes, sponsors are welcome at the lunch.");

        java.net.http.HttpResponse<String> pressed = send(Activities.execute("faq.ticket.answer", answer).from(TestUsers.PAT));

        JsonNode shown = JSON.readTree(pressed.body()).path("value");
        assertThat(shown.toString()).contains("On its way to the person who asked.").doesNotContain("faq.ticket.answer");
    }

    @Test
    void closingOnTheTicketCardReplacesItWithTheOutcome() throws Exception {
        JsonNode notice = ticketNoticeFor("is the residential venue accessible by train");

        java.net.http.HttpResponse<String> pressed = send(Activities.execute("faq.ticket.close",
                button(notice, "Close without answering").deepCopy()).from(TestUsers.PAT));

        JsonNode shown = JSON.readTree(pressed.body()).path("value");
        assertThat(shown.toString()).contains("without an answer.");
        assertThat(shown.path("actions").size()).isZero();
    }

    private JsonNode ticketNoticeFor(String question) {
        programmeTeamMember();
        JsonNode fallback = ask(TestUsers.ALICE, question);
        send(Activities.cardSubmit(askButton(fallback).deepCopy()).from(TestUsers.ALICE));
        deliverOutbox();
        List<FakeBotConnector.Call> toPat = connector.messagesTo(TestUsers.PAT.conversationId());
        JsonNode notice = toPat.get(toPat.size() - 1).card();
        assertThat(notice.toString()).contains("\"verb\":\"faq.ticket.answer\"");
        connector.reset();
        return notice;
    }

    @Test
    void programmeTeamAnswerIsDeliveredToTheAskerAndCanBePromotedIntoTheFaq() {
        programmeTeamMember();
        JsonNode fallback = ask(TestUsers.ALICE, "is there a dress code for the graduation celebration");
        connector.reset();
        send(Activities.cardSubmit(askButton(fallback).deepCopy()).from(TestUsers.ALICE));
        deliverOutbox();
        JsonNode notice = connector.messagesTo(TestUsers.PAT.conversationId()).get(0).card();
        ObjectNode answer = button(notice, "Send answer").deepCopy();
        answer.put("answer", "Smart casual is fine for the graduation celebration.");

        connector.reset();
        send(Activities.cardSubmit(answer).from(TestUsers.PAT));
        deliverOutbox();

        JsonNode delivered = connector.messagesTo(TestUsers.ALICE.conversationId()).get(0).card();
        assertThat(title(delivered)).isEqualTo("The programme team answered your question");
        assertThat(delivered.toString()).contains("Smart casual is fine");
        JsonNode confirmation = connector.messagesTo(TestUsers.PAT.conversationId()).get(0).card();
        assertThat(confirmation.toString()).contains("On its way to the person who asked.");

        connector.reset();
        send(Activities.cardSubmit(button(confirmation, "Add this to the FAQ").deepCopy()).from(TestUsers.PAT));
        assertThat(connector.messages().get(0).text()).startsWith("Added to the FAQ as `team-");

        connector.reset();
        JsonNode nowAnswered = ask(TestUsers.SAM, "is there a dress code for graduation?");
        assertThat(title(nowAnswered)).isEqualTo("Is there a dress code for the graduation celebration");
    }

    @Test
    void programmeTeamCanDisableAnEntryAndReloadWithoutARestart() {
        programmeTeamMember();
        send(Activities.message("faq disable launch-event").from(TestUsers.PAT));
        assertThat(connector.messages().get(0).text()).contains("disabled");

        JsonNode card = ask(TestUsers.ALICE, "when is the launch event");
        assertThat(title(card)).isNotEqualTo("When is the launch event?");

        connector.reset();
        send(Activities.message("faq enable launch-event").from(TestUsers.PAT));
        connector.reset();
        send(Activities.message("faq reload").from(TestUsers.PAT));
        assertThat(connector.messages().get(0).text()).startsWith("FAQ reloaded: ");
        assertThat(title(ask(TestUsers.ALICE, "when is the launch event"))).isEqualTo("When is the launch event?");
    }

    @Test
    void faqCommandsFromSomeoneOutsideTheProgrammeTeamAreRefusedInASentence() {
        connector.reset();
        send(Activities.message("faq disable launch-event").from(TestUsers.ALICE));

        assertThat(connector.messages().get(connector.messages().size() - 1).text())
                .startsWith("Only the programme team can use the FAQ commands.");
        assertThat(knowledgeBase.find("launch-event").orElseThrow().enabled()).isTrue();
    }

    @Test
    void otherTextStartingWithFaqFromSomeoneOutsideTheProgrammeTeamIsAQuestion() {
        JsonNode card = ask(TestUsers.ALICE, "faq about the launch event");

        assertThat(card).isNotNull();
        assertThat(lastQuery().question()).isEqualTo("faq about the launch event");
    }

    @Test
    void programmeTeamCanSeeWhyAQuestionMatched() {
        programmeTeamMember();

        send(Activities.message("faq explain how often do i meet my sponsor").from(TestUsers.PAT));

        assertThat(connector.messages().get(0).text()).contains("sponsor-role", "closest phrasing", "meaning");
    }

    @Test
    void unansweredQuestionsAreListedForCurationWithCounts() {
        programmeTeamMember();
        ask(TestUsers.ALICE, "Is there car parking at the assessment centre?");
        ask(TestUsers.SAM, "is there car parking at the assessment centre");
        connector.reset();

        send(Activities.message("faq gaps").from(TestUsers.PAT));

        assertThat(connector.messages().get(0).text()).contains("is there car parking at the assessment centre (2 times)");
    }

    private JsonNode ask(TestUsers.User user, String question) {
        connector.reset();
        send(Activities.message(question).from(user));
        return lastCard();
    }

    private void programmeTeamMember() {
        if (people.findByEmail(TestUsers.PAT.email()).isEmpty()) {
            Instant now = Instant.parse("2026-11-01T09:00:00Z");
            Person pat = people.save(new Person(null, TestUsers.PAT.email(), TestUsers.PAT.name(), Role.PROGRAMME_TEAM, "ACTIVE",
                    "Europe/London", null, now, now));
            programmeTeam.save(new ProgrammeTeamMember(pat.id(), now));
            connector.knowsMember(TestUsers.PAT.teamsId(), TestUsers.PAT.name(), TestUsers.PAT.email(), TestUsers.PAT.aadObjectId());
            send(Activities.botInstalled().from(TestUsers.PAT));
        }
        connector.reset();
    }

    private FaqStore.QueryRow lastQuery() {
        return queries.findAll().stream().max(java.util.Comparator.comparing(FaqStore.QueryRow::id)).orElseThrow();
    }

    private JsonNode lastCard() {
        return connector.messages().stream().map(FakeBotConnector.Call::card).filter(c -> c != null)
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no card in " + connector.messages()));
    }

    private JsonNode onlyCard() {
        List<JsonNode> cards = connector.messages().stream().map(FakeBotConnector.Call::card).filter(c -> c != null).toList();
        assertThat(cards).hasSize(1);
        return cards.get(0);
    }

    private static String title(JsonNode card) {
        return card.path("body").get(0).path("text").asText();
    }

    private static List<String> actions(JsonNode card) {
        return StreamSupport.stream(card.path("actions").spliterator(), false).map(a -> a.path("title").asText()).toList();
    }

    /** The "ask the programme team" button, on a fallback card or (as "None of these") on a suggestions card. */
    private static JsonNode askButton(JsonNode card) {
        return card.findParents("action").stream().filter(d -> d.path("action").asText().equals("faq.ask")).findFirst()
                .orElseThrow(() -> new AssertionError("no ask button on " + card));
    }

    private static JsonNode button(JsonNode card, String title) {
        Optional<JsonNode> action = StreamSupport.stream(card.path("actions").spliterator(), false)
                .filter(a -> a.path("title").asText().equals(title)).findFirst();
        return action.orElseThrow(() -> new AssertionError("no button " + title + " on " + card)).path("data");
    }
}
