package uk.nhs.hps.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import uk.nhs.hps.access.ProgrammeTeamMember;
import uk.nhs.hps.access.ProgrammeTeamRepository;
import uk.nhs.hps.cohort.ManagingCohorts;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bot tests about a participant's records: people on the roster linked to Teams users, sponsorships, the
 * programme team, and helpers to press card buttons and read the cards that come back.
 */
public abstract class RecordsTestBase extends BotTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger USERS = new AtomicInteger();

    @Inject
    protected PersonRepository people;
    @Inject
    protected SponsorshipRepository sponsorships;
    @Inject
    protected ProgrammeTeamRepository programmeTeam;
    @Inject
    protected ManagingCohorts cohorts;

    /** A new Teams user, so tests in one class never share records. */
    protected static TestUsers.User newUser(String name) {
        int n = USERS.incrementAndGet();
        String local = name.toLowerCase().replace(' ', '.') + n;
        return new TestUsers.User("29:" + local, "aad-" + local, name, local + "@records.nhs.net");
    }

    protected Cohort cohort() {
        return cohorts.create(new ManagingCohorts.CohortDetails("Cohort " + UUID.randomUUID().toString().substring(0, 8),
                LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31), null, null));
    }

    /** Puts the user on the roster with the role, links them to Teams, and clears the welcome. */
    protected long onRoster(TestUsers.User user, Role role, Long cohortId) {
        Instant now = Instant.now();
        long id = people.save(new Person(null, user.email(), user.name(), role, PersonStatus.ACTIVE, "Europe/London",
                user.aadObjectId(), null, null, cohortId, null, null, null, null, now, now)).id();
        if (role == Role.PROGRAMME_TEAM) {
            programmeTeam.save(new ProgrammeTeamMember(id, now));
        }
        send(Activities.message("hi").from(user));
        connector.reset();
        return id;
    }

    protected void sponsors(long sponsorId, long participantId) {
        sponsorships.save(new Sponsorship(null, participantId, sponsorId, LocalDate.of(2026, 1, 1), null, Instant.now()));
    }

    protected void say(TestUsers.User user, String text) {
        send(Activities.message(text).from(user));
    }

    /** Presses a card's Action.Submit: the button's data merged with the inputs. */
    protected void press(TestUsers.User user, Map<String, ?> data) {
        send(Activities.cardSubmit(JSON.valueToTree(data)).from(user));
    }

    /** Presses a button whose data is taken straight from a card. */
    protected void press(TestUsers.User user, JsonNode data) {
        send(Activities.cardSubmit((ObjectNode) data.deepCopy()).from(user));
    }

    protected ObjectNode node(Map<String, ?> data) {
        return JSON.valueToTree(data);
    }

    /** The last message the bot sent to the user's chat. */
    protected FakeBotConnector.Call last(TestUsers.User user) {
        List<FakeBotConnector.Call> calls = connector.messagesTo(user.conversationId());
        if (calls.isEmpty()) {
            throw new AssertionError("No message to " + user.name());
        }
        return calls.get(calls.size() - 1);
    }

    protected JsonNode lastCard(TestUsers.User user) {
        JsonNode card = last(user).card();
        if (card == null) {
            throw new AssertionError("Last message to " + user.name() + " was not a card: " + last(user).text());
        }
        return card;
    }

    /** The id of the card's first element, which names the card. */
    protected static String cardId(JsonNode card) {
        return card.path("body").get(0).path("id").asText();
    }

    /** Every TextBlock text and FactSet value on the card, joined, for "the card says ..." assertions. */
    protected static String textOf(JsonNode card) {
        StringBuilder out = new StringBuilder();
        collect(card.path("body"), out);
        return out.toString();
    }

    private static void collect(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            if (node.has("text")) {
                out.append(node.get("text").asText()).append('\n');
            }
            if (node.has("title") && node.has("value")) {
                out.append(node.get("title").asText()).append(": ").append(node.get("value").asText()).append('\n');
            }
            node.fields().forEachRemaining(f -> collect(f.getValue(), out));
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        }
    }

    /** The data of the card action with this title (top-level actions, or inside an ActionSet). */
    protected static JsonNode actionData(JsonNode card, String title) {
        List<JsonNode> found = new java.util.ArrayList<>();
        findActions(card, title, found);
        if (found.isEmpty()) {
            throw new AssertionError("No action '" + title + "' on card " + card);
        }
        return found.get(0).path("data");
    }

    protected static boolean hasAction(JsonNode card, String title) {
        List<JsonNode> found = new java.util.ArrayList<>();
        findActions(card, title, found);
        return !found.isEmpty();
    }

    private static void findActions(JsonNode node, String title, List<JsonNode> found) {
        if (node.isObject()) {
            if (node.path("type").asText().startsWith("Action.") && title.equals(node.path("title").asText())) {
                found.add(node);
            }
            node.fields().forEachRemaining(f -> findActions(f.getValue(), title, found));
        } else if (node.isArray()) {
            node.forEach(n -> findActions(n, title, found));
        }
    }

    /** The value of the input with this id on the card. */
    protected static String inputValue(JsonNode card, String id) {
        List<JsonNode> found = new java.util.ArrayList<>();
        findInput(card, id, found);
        if (found.isEmpty()) {
            throw new AssertionError("No input '" + id + "' on card");
        }
        return found.get(0).path("value").asText();
    }

    private static void findInput(JsonNode node, String id, List<JsonNode> found) {
        if (node.isObject()) {
            if (node.path("type").asText().startsWith("Input.") && id.equals(node.path("id").asText())) {
                found.add(node);
            }
            node.fields().forEachRemaining(f -> findInput(f.getValue(), id, found));
        } else if (node.isArray()) {
            node.forEach(n -> findInput(n, id, found));
        }
    }
}
