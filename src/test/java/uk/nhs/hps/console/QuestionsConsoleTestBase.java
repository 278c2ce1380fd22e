package uk.nhs.hps.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.TestUsers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Questions pages' tests: people ask the bot through /api/messages and press "Ask the programme team", as in
 * Teams, so every ticket the console shows was raised by the real chat flow. The FAQ matches on words only here (no
 * embedding model to load: the answers the tests look for are worded to match on words).
 */
abstract class QuestionsConsoleTestBase extends ConsoleTestBase {

    @Inject
    TransactionOperations<Connection> db;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(super.extraProperties());
        p.put("hps.faq.semantic", "false");
        return p;
    }

    /** Puts the user on the roster as a participant, linked to their Teams account; their person id. */
    protected long participant(TestUsers.User user) {
        Instant now = Instant.now();
        long id = people.findByEmail(user.email()).orElseGet(() -> people.save(new Person(null, user.email(), user.name(),
                Role.PARTICIPANT, PersonStatus.ACTIVE, "Europe/London", user.aadObjectId(), null, null, null, null, null,
                null, null, now, now))).id();
        connector.knowsMember(user.teamsId(), user.name(), user.email(), user.aadObjectId());
        send(Activities.botInstalled().from(user));
        connector.reset();
        return id;
    }

    /** The user asks the bot something it cannot answer and passes it to the programme team; the ticket's number. */
    protected long askTheProgrammeTeam(TestUsers.User user, String question) {
        deliverOutbox(); // what earlier tests queued, so each test sees only its own deliveries
        connector.reset();
        send(Activities.message(question).from(user));
        JsonNode card = lastCard();
        JsonNode ask = card.findParents("action").stream().filter(d -> d.path("action").asText().equals("faq.ask")).findFirst()
                .orElseThrow(() -> new AssertionError("no ask button on " + card));
        connector.reset();
        send(Activities.cardSubmit((ObjectNode) ask.deepCopy()).from(user));
        Matcher m = Pattern.compile("question #(\\d+)").matcher(connector.messages().get(0).text());
        if (!m.find()) {
            throw new AssertionError("no question number in " + connector.messages());
        }
        connector.reset();
        return Long.parseLong(m.group(1));
    }

    /** What the bot replies to the user's question now: the first card's title. */
    protected String botAnswerTitle(TestUsers.User user, String question) {
        connector.reset();
        send(Activities.message(question).from(user));
        String title = lastCard().path("body").get(0).path("text").asText();
        connector.reset();
        return title;
    }

    protected JsonNode lastCard() {
        List<JsonNode> cards = connector.messages().stream().map(FakeBotConnector.Call::card).filter(c -> c != null).toList();
        if (cards.isEmpty()) {
            throw new AssertionError("no card in " + connector.messages());
        }
        return cards.get(cards.size() - 1);
    }

    protected long count(String sql, Object... parameters) {
        return db.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    protected String text(String sql, Object... parameters) {
        return db.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }
}
