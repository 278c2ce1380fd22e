package uk.nhs.hps.nudge;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.cohort.ManagingCohorts;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.DevelopmentStream;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.scheme.Transitions;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.BotTestBase;
import uk.nhs.hps.support.TestClock;
import uk.nhs.hps.support.TestUsers;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reflective prompts as participants receive them in Teams (scheduled pass, outbox, Bot Connector): a participant
 * with a development stream is offered one of their transition's key experiences; one without gets the generic prompt.
 */
@MicronautTest(transactional = false)
class TransitionPromptsTest extends BotTestBase {

    /** Thursday 3 December 2026, 16:00 in London: the default prompt slot. */
    private static final Instant THURSDAY = Instant.parse("2026-12-03T16:00:00Z");

    @Inject
    TestClock clock;
    @Inject
    PersonRepository people;
    @Inject
    ManagingCohorts cohorts;
    @Inject
    EnqueueDueNudges nudges;
    @Inject
    Transitions transitions;
    @Inject
    TransactionOperations<Connection> transactions;

    Person streamTwo;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("hps.test.clock", "manual");
    }

    @BeforeEach
    void participantsInChat() {
        clock.set(THURSDAY.minus(Duration.ofDays(2)));
        transactions.executeWrite(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                s.execute("DELETE FROM reflection_prompt");
                s.execute("DELETE FROM reflection_entry");
                s.execute("DELETE FROM outbound_message");
            }
            return null;
        });
        if (streamTwo == null) {
            Cohort cohort = cohorts.create(new ManagingCohorts.CohortDetails("Prompted", LocalDate.of(2026, 4, 1),
                    LocalDate.of(2028, 3, 31), null, null));
            Instant then = Instant.parse("2026-01-01T00:00:00Z");
            streamTwo = people.save(new Person(null, TestUsers.ALICE.email(), TestUsers.ALICE.name(), Role.PARTICIPANT,
                    PersonStatus.ACTIVE, "Europe/London", TestUsers.ALICE.aadObjectId(), null, "8a", DevelopmentStream.TWO,
                    cohort.id(), null, null, null, null, then, then));
            people.save(new Person(null, TestUsers.SAM.email(), TestUsers.SAM.name(), Role.PARTICIPANT, PersonStatus.ACTIVE,
                    "Europe/London", TestUsers.SAM.aadObjectId(), null, "8d", cohort.id(), null, null, null, null, then, then));
            send(Activities.message("hi").from(TestUsers.ALICE));
            send(Activities.message("hi").from(TestUsers.SAM));
        }
        connector.reset();
    }

    @Test
    void participantWithAStreamIsOfferedAKeyExperienceOfTheirTransition() {
        JsonNode card = promptTo(TestUsers.ALICE, THURSDAY);

        Transitions.Transition two = transitions.of(DevelopmentStream.TWO);
        String offered = textOf(card, 1);
        assertThat(two.keyExperiences()).extracting(Transitions.KeyExperience::name).contains(offered);
        Transitions.KeyExperience experience = two.keyExperiences().stream().filter(k -> k.name().equals(offered)).findFirst().orElseThrow();
        assertThat(textOf(card, 0)).isEqualTo("A key experience of " + two.name() + " to reflect on");
        assertThat(textOf(card, 2)).isEqualTo(experience.text());
        assertThat(writeButton(card).path("data").path("keyExperience").asText()).isEqualTo(experience.key());
    }

    @Test
    void participantWithoutAStreamGetsTheGenericPrompt() {
        JsonNode card = promptTo(TestUsers.SAM, THURSDAY);

        assertThat(card.toString()).contains("Time for a reflection", "What happened recently that taught you something about leading?")
                .doesNotContain("reflection-prompt-key-experience");
        assertThat(writeButton(card).path("data").path("keyExperience").asText()).isEmpty();
    }

    @Test
    void nextPromptOffersAnotherKeyExperience() {
        String first = textOf(promptTo(TestUsers.ALICE, THURSDAY), 1);

        String second = textOf(promptTo(TestUsers.ALICE, THURSDAY.plus(Duration.ofDays(14))), 1);

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void keyExperienceNotYetLoggedIsOfferedFirst() {
        Transitions.Transition two = transitions.of(DevelopmentStream.TWO);
        Transitions.KeyExperience last = two.keyExperiences().get(two.keyExperiences().size() - 1);
        String others = String.join(",", two.keyExperiences().stream().map(Transitions.KeyExperience::key)
                .filter(k -> !k.equals(last.key())).toList());
        transactions.executeWrite(status -> {
            try (java.sql.PreparedStatement s = status.getConnection().prepareStatement(
                    "INSERT INTO reflection_entry (person_id, template, title, experienced_on, answers, dimensions,"
                            + " learning_source, version, created_at, updated_at, key_experiences, career_transition)"
                            + " VALUES (?, 'rolfe', 'Earlier', DATE '2026-11-01', '{}', '', 'experience', 0, ?, ?, ?, 'TWO')")) {
                s.setLong(1, streamTwo.id());
                s.setObject(2, java.time.OffsetDateTime.parse("2026-11-01T10:00:00Z"));
                s.setObject(3, java.time.OffsetDateTime.parse("2026-11-01T10:00:00Z"));
                s.setString(4, others);
                s.executeUpdate();
            }
            return null;
        });

        String offered = textOf(promptTo(TestUsers.ALICE, THURSDAY), 1);

        assertThat(offered).isEqualTo(last.name());
    }

    private JsonNode promptTo(TestUsers.User user, Instant at) {
        clock.set(at);
        connector.reset();
        nudges.run();
        deliverOutbox();
        return connector.messagesTo(user.conversationId()).stream().map(c -> c.card()).filter(c -> c != null)
                .filter(c -> c.toString().contains("\"reflection-prompt\"")).reduce((a, b) -> b).orElseThrow();
    }

    /** The i-th TextBlock of the key-experience container. */
    private static String textOf(JsonNode card, int i) {
        for (JsonNode element : card.path("body")) {
            if (element.path("id").asText().equals("reflection-prompt-key-experience")) {
                return element.path("items").get(i).path("text").asText();
            }
        }
        throw new AssertionError("no key experience on the card: " + card);
    }

    private static JsonNode writeButton(JsonNode card) {
        for (JsonNode element : card.path("body")) {
            for (JsonNode action : element.path("actions")) {
                if (action.path("data").path("action").asText().equals("prompt.write")) {
                    return action;
                }
            }
        }
        throw new AssertionError("no Write an entry button: " + card);
    }
}
