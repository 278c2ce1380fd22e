package uk.nhs.hps.nudge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.BotTestBase;
import uk.nhs.hps.support.TestClock;
import uk.nhs.hps.support.TestUsers;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A participant changing their reflective prompts in Teams, through /api/messages: the rules each change must pass. */
@MicronautTest(transactional = false)
class PromptsConversationTest extends BotTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tuesday 1 December 2026, 10:00 in London. */
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Inject
    TestClock clock;
    @Inject
    PersonRepository people;
    @Inject
    PromptStateRepository states;
    @Inject
    ReflectionPrompts reflectionPrompts;

    Person alice;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("hps.test.clock", "manual");
    }

    @BeforeEach
    void participantInChat() {
        clock.set(NOW);
        states.deleteAll();
        if (alice == null) {
            Instant then = Instant.parse("2026-01-01T00:00:00Z");
            alice = people.save(new Person(null, TestUsers.ALICE.email(), TestUsers.ALICE.name(), Role.PARTICIPANT,
                    PersonStatus.ACTIVE, "Europe/London", TestUsers.ALICE.aadObjectId(), null, null, null, null, null, null,
                    null, then, then));
            send(Activities.message("hi").from(TestUsers.ALICE));
        }
        connector.reset();
    }

    @Test
    void promptsMoveToAnotherWorkingDayAndTime() {
        String reply = say("prompts monday 9:30");

        assertThat(reply).isEqualTo("Done. Your reflective prompts come on Mondays at 09:30 (your cohort sets how often).");
        PromptState saved = states.findById(alice.id()).orElseThrow();
        assertThat(saved.weekday()).isEqualTo((short) 1);
        assertThat(saved.minuteOfDay()).isEqualTo(9 * 60 + 30);
    }

    @Test
    void promptsOnAWeekendOrOutsideEightToSixAreRefusedAndNothingChanges() {
        String refused = "Sorry, prompts come on working days between 08:00 and 18:00. Nothing was changed.";

        assertThat(say("prompts saturday 10:00")).isEqualTo(refused);
        assertThat(say("prompts monday 07:59")).isEqualTo(refused);
        assertThat(say("prompts monday 18:00")).isEqualTo(refused);
        assertThat(say("prompts monday 17:59")).startsWith("Done.");
    }

    @Test
    void aPauseMustEndAfterTodayAndWithinAYear() {
        String refused = "Sorry, “Pause prompts until” must be after today and within a year. Nothing was changed.";

        assertThat(press(card("prompt.pause").put("until", "2026-12-01"))).isEqualTo(refused);
        assertThat(press(card("prompt.pause").put("until", "2027-12-02"))).isEqualTo(refused);
        assertThat(press(card("prompt.pause").put("until", "next week")))
                .isEqualTo("Sorry, “Pause prompts until” must be a date, like 2027-01-10. Nothing was changed.");
        assertThat(states.findById(alice.id())).isEmpty();

        assertThat(press(card("prompt.pause").put("until", "2027-12-01")))
                .isEqualTo("Prompts paused until 2027-12-01. Type **prompts resume** to restart them sooner.");
        assertThat(states.findById(alice.id()).orElseThrow().pausedUntil()).isEqualTo(LocalDate.of(2027, 12, 1));
    }

    @Test
    void resumeEndsAPause() {
        press(card("prompt.pause").put("until", "2027-01-10"));

        String reply = say("prompts resume");

        assertThat(reply).isEqualTo("Prompts resumed. Your reflective prompts come on Thursdays at 16:00 (your cohort sets how often).");
        assertThat(states.findById(alice.id()).orElseThrow().pausedUntil()).isNull();
    }

    @Test
    void aSnoozeIsForADayOrAWeek() {
        assertThat(press(card("prompt.snooze").put("days", "3")))
                .isEqualTo("Sorry, that button didn't work: a snooze is for 1 day or 1 week.");
        assertThat(states.findById(alice.id())).isEmpty();

        assertThat(press(card("prompt.snooze").put("days", "7"))).isEqualTo("Snoozed: I'll remind you in a week.");
        assertThat(states.findById(alice.id()).orElseThrow().snoozedUntil()).isEqualTo(NOW.plus(Duration.ofDays(7)));
    }

    @Test
    void aSnoozePressedOnThePromptReplacesItWithWhatWasDone() throws Exception {
        JsonNode answer = execute("prompt.snooze", card("prompt.snooze").put("days", "1"));

        assertThat(answer.path("type").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(answer.path("value").toString()).contains("Snoozed: I'll remind you tomorrow.").doesNotContain("prompt.snooze");
        assertThat(states.findById(alice.id()).orElseThrow().snoozedUntil()).isEqualTo(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void aPauseDatePressedOnThePromptReplacesItWithThePause() throws Exception {
        JsonNode answer = execute("prompt.pause", card("prompt.pause").put("until", "2027-01-10"));

        assertThat(answer.path("value").toString()).contains("Prompts paused until 2027-01-10").doesNotContain("prompt.pause");
        assertThat(states.findById(alice.id()).orElseThrow().pausedUntil()).isEqualTo(LocalDate.of(2027, 1, 10));
    }

    @Test
    void aRefusedPauseLeavesThePromptInPlaceAndSaysWhy() throws Exception {
        JsonNode answer = execute("prompt.pause", card("prompt.pause").put("until", "2026-12-01"));

        assertThat(answer.path("type").asText()).isEqualTo("application/vnd.microsoft.activity.message");
        assertThat(answer.path("value").asText()).contains("must be after today and within a year");
        assertThat(states.findById(alice.id())).isEmpty();
    }

    @Test
    void writeAnEntryPressedOnThePromptReplacesItWithTheEntryForm() throws Exception {
        JsonNode answer = execute("prompt.write", card("prompt.write"));

        assertThat(answer.path("value").toString()).contains("New reflective log entry", "reflection.save");
    }

    @Test
    void thePromptCardsButtonsAreActionExecute() {
        String prompt = ((uk.nhs.hps.conversation.Reply.Card) reflectionPrompts.card(0, false, null)).json();

        assertThat(prompt).contains("\"verb\":\"prompt.write\"", "\"verb\":\"prompt.snooze\"", "\"verb\":\"prompt.pause\"")
                .doesNotContain("Action.Submit");
    }

    private JsonNode execute(String verb, ObjectNode data) throws Exception {
        connector.reset();
        return JSON.readTree(send(Activities.execute(verb, data).from(TestUsers.ALICE)).body());
    }

    private String say(String text) {
        connector.reset();
        send(Activities.message(text).from(TestUsers.ALICE));
        return connector.messages().get(0).text();
    }

    private String press(ObjectNode data) {
        connector.reset();
        send(Activities.cardSubmit(data).from(TestUsers.ALICE));
        return connector.messages().get(0).text();
    }

    private static ObjectNode card(String action) {
        return JSON.createObjectNode().put("action", action);
    }
}
