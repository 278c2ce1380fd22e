package uk.nhs.hps.programmeteam;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import uk.nhs.hps.calendar.BankHolidays;
import uk.nhs.hps.cohort.ManagingCohorts;
import uk.nhs.hps.faq.KnowledgeBase;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.roster.RosterImportTest;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.FakeEntraIssuer;
import uk.nhs.hps.support.FakeFileHost;
import uk.nhs.hps.support.RecordsTestBase;
import uk.nhs.hps.support.TableSnapshot;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every programme-team power, in the chat (signed activities on /api/messages) and on the admin API (Entra-style
 * tokens), tried by a current member, a member removed with {@code DELETE /admin/api/programme-team/{id}}, and a
 * member set to LEFT. A current member is allowed; the others get a clear refusal and nothing in the database
 * changes (in {@link TableSnapshot#RECORDS}). Each power is arranged while the member is still current (so drafts, uploads and tickets are theirs),
 * then the member's standing changes, then they try it.
 */
@MicronautTest(transactional = false)
class ProgrammeTeamPowersTest extends RecordsTestBase {

    /** Where the member stands when they try the power. */
    enum Standing { CURRENT, REMOVED, LEFT }

    /** What a member tries, what it must have done when allowed, and what to undo afterwards. */
    record Attempt(Supplier<String> act, Consumer<String> whenAllowed, Runnable cleanup) {
        Attempt(Supplier<String> act, Consumer<String> whenAllowed) {
            this(act, whenAllowed, () -> { });
        }
    }

    /** A power: chat or API, and how to arrange an attempt for a member who is, for now, on the team. */
    record Power(boolean api, java.util.function.BiFunction<TestUsers.User, Long, Attempt> arrange) {
    }

    private static final String ENTRY = "launch-event";

    private final FakeEntraIssuer entra = FakeEntraIssuer.instance();
    private final FakeFileHost files = new FakeFileHost();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Power> powers = new LinkedHashMap<>();
    private TestUsers.User anchor;

    @Inject
    KnowledgeBase knowledgeBase;
    @Inject
    BankHolidays holidays;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("admin.auth.issuer", entra.issuer(), "admin.auth.audience", FakeEntraIssuer.AUDIENCE,
                "admin.auth.tenant-id", TestUsers.TENANT);
    }

    @AfterAll
    void stopFiles() {
        files.close();
    }

    ProgrammeTeamPowersTest() {
        chatPowers();
        apiPowers();
    }

    Stream<Arguments> everyPowerAndStanding() {
        return powers.keySet().stream().flatMap(p -> Stream.of(Standing.values()).map(s -> Arguments.of(p, s)));
    }

    @ParameterizedTest(name = "{0} by a {1} member")
    @MethodSource("everyPowerAndStanding")
    void aPowerWorksOnlyForACurrentMember(String name, Standing standing) {
        TestUsers.User member = newUser("Team Member");
        long memberId = onRoster(member, Role.PROGRAMME_TEAM, null);
        Power power = powers.get(name);
        Attempt attempt = power.arrange().apply(member, memberId);
        stand(memberId, standing);
        Map<String, String> before = snapshot();
        connector.reset();

        String outcome = attempt.act().get();

        try {
            if (standing == Standing.CURRENT) {
                assertThat(outcome).doesNotContain("Only the programme team", "You've left", "HTTP 403");
                attempt.whenAllowed().accept(outcome);
            } else {
                assertThat(outcome).contains(power.api() ? "HTTP 403" : standing == Standing.LEFT
                        ? "You've left the High Potential Scheme" : "Only the programme team");
                assertThat(snapshot()).isEqualTo(before);
            }
        } finally {
            attempt.cleanup().run();
        }
    }

    @ParameterizedTest(name = "a {0} member")
    @EnumSource(value = Standing.class, names = {"REMOVED", "LEFT"})
    void escalatedQuestionsGoOnlyToCurrentMembers(Standing standing) {
        TestUsers.User gone = newUser("Former Member");
        long goneId = onRoster(gone, Role.PROGRAMME_TEAM, null);
        stand(goneId, standing);
        TestUsers.User asker = newUser("Asking Participant");
        onRoster(asker, Role.PARTICIPANT, null);
        connector.reset();

        escalate(asker, "blorft zqxj wibble " + UUID.randomUUID());

        assertThat(connector.messagesTo(anchor().conversationId())).isNotEmpty();
        assertThat(connector.messagesTo(gone.conversationId())).isEmpty();
    }

    @ParameterizedTest(name = "a {0} member")
    @EnumSource(value = Standing.class, names = {"REMOVED", "LEFT"})
    void helpNoLongerOffersTheProgrammeTeamsCommands(Standing standing) {
        TestUsers.User gone = newUser("Former Member");
        long goneId = onRoster(gone, Role.PROGRAMME_TEAM, null);
        say(gone, "help");
        assertThat(textOf(lastCard(gone))).contains("faq gaps", "roster import");
        stand(goneId, standing);
        connector.reset();

        say(gone, "help");

        assertThat(textOf(lastCard(gone))).doesNotContain("faq gaps", "roster import", "announce", "on the programme team");
    }

    // ---- the chat's programme-team commands and buttons

    private void chatPowers() {
        powers.put("faq gaps", new Power(false, (m, id) -> {
            TestUsers.User asker = newUser("Gap Asker");
            onRoster(asker, Role.PARTICIPANT, null);
            // asked twice, so it is among the most asked gaps; it is another person's question about their health
            say(asker, "blorft zqxj sick leave for my depression");
            say(asker, "blorft zqxj sick leave for my depression");
            return new Attempt(() -> says(m, "faq gaps"), heard -> assertThat(heard).contains("depression"));
        }));
        powers.put("new cohort", new Power(false, (m, id) -> {
            String name = "Powers " + UUID.randomUUID().toString().substring(0, 8);
            return new Attempt(() -> says(m, "new cohort " + name + " 2027-09-01 2029-08-31"),
                    heard -> assertThat(heard).startsWith("Created **" + name + "**"));
        }));
        powers.put("cohorts", new Power(false, (m, id) -> new Attempt(() -> says(m, "cohorts"),
                heard -> assertThat(heard).containsAnyOf("**Cohorts**", "There are no cohorts yet"))));
        powers.put("faq disable", new Power(false, (m, id) -> new Attempt(() -> says(m, "faq disable " + ENTRY),
                heard -> assertThat(enabled()).isFalse(), () -> knowledgeBase.setEnabled(ENTRY, true, "test"))));
        powers.put("faq enable", new Power(false, (m, id) -> {
            knowledgeBase.setEnabled(ENTRY, false, "test");
            return new Attempt(() -> says(m, "faq enable " + ENTRY), heard -> assertThat(enabled()).isTrue(),
                    () -> knowledgeBase.setEnabled(ENTRY, true, "test"));
        }));
        powers.put("faq reload", new Power(false, (m, id) -> new Attempt(() -> says(m, "faq reload"),
                heard -> assertThat(heard).startsWith("FAQ reloaded"))));
        powers.put("faq reimport", new Power(false, (m, id) -> new Attempt(() -> says(m, "faq reimport"),
                heard -> assertThat(heard).startsWith("Re-imported"))));
        powers.put("faq explain", new Power(false, (m, id) -> new Attempt(() -> says(m, "faq explain when is the launch event"),
                heard -> assertThat(heard).startsWith("**Outcome:**"))));
        powers.put("ticket answer button", new Power(false, (m, id) -> {
            JsonNode ticket = ticketFor(m);
            Map<String, Object> answer = data(button(ticket, "Send answer"));
            answer.put("answer", "Yes, speak to your line manager.");
            return new Attempt(() -> presses(m, answer), heard -> assertThat(heard).contains("On its way"));
        }));
        powers.put("ticket close button", new Power(false, (m, id) -> {
            JsonNode ticket = ticketFor(m);
            return new Attempt(() -> presses(m, data(button(ticket, "Close without answering"))),
                    heard -> assertThat(heard).contains("Closed question #"));
        }));
        powers.put("ticket promote button", new Power(false, (m, id) -> {
            Map<String, Object> answer = data(button(ticketFor(m), "Send answer"));
            answer.put("answer", "Yes, speak to your line manager.");
            presses(m, answer);
            JsonNode answered = lastCard(m);
            return new Attempt(() -> presses(m, data(button(answered, "Add this to the FAQ"))),
                    heard -> assertThat(heard).startsWith("Added to the FAQ"));
        }));
        powers.put("announce", new Power(false, (m, id) -> new Attempt(() -> says(m, "announce"),
                heard -> assertThat(lastCard(m).toString()).contains("announce.preview"))));
        powers.put("announce preview button", new Power(false, (m, id) -> new Attempt(() -> presses(m, announcement(m)),
                heard -> assertThat(heard).contains("Preview: only you can see this."))));
        powers.put("announce send button", new Power(false, (m, id) -> {
            JsonNode confirm = previewed(m);
            return new Attempt(() -> presses(m, data(button(confirm, "Send"))),
                    heard -> assertThat(heard).contains("is on its way to 1 person"));
        }));
        powers.put("announce discard button", new Power(false, (m, id) -> {
            JsonNode confirm = previewed(m);
            return new Attempt(() -> presses(m, data(button(confirm, "Discard"))),
                    heard -> assertThat(heard).contains("Discarded. Nothing was sent."));
        }));
        powers.put("roster import by file upload", new Power(false, (m, id) -> {
            String url = files.host(rosterCsv());
            return new Attempt(() -> uploads(m, url), heard -> assertThat(heard).contains("Dry run, nothing written"));
        }));
        powers.put("roster import button", new Power(false, (m, id) -> {
            uploads(m, files.host(rosterCsv()));
            JsonNode card = lastCard(m);
            return new Attempt(() -> presses(m, data(card.path("actions").get(0).path("data"))),
                    heard -> assertThat(heard).startsWith("Imported"));
        }));
        powers.put("roster import cancel button", new Power(false, (m, id) -> {
            uploads(m, files.host(rosterCsv()));
            JsonNode card = lastCard(m);
            return new Attempt(() -> presses(m, data(button(card, "Cancel"))), heard -> assertThat(heard).startsWith("Cancelled"));
        }));
        powers.put("bank holidays", new Power(false, (m, id) -> new Attempt(() -> says(m, "bank holidays"),
                heard -> assertThat(heard).contains("England and Wales bank holidays"))));
        powers.put("bank holidays add", new Power(false, (m, id) -> new Attempt(() -> says(m, "bank holidays add 2027-06-08 Powers day"),
                heard -> assertThat(holidays.all()).containsKey(LocalDate.of(2027, 6, 8)),
                () -> holidays.remove(LocalDate.of(2027, 6, 8), "test"))));
        powers.put("bank holidays remove", new Power(false, (m, id) -> {
            holidays.add(LocalDate.of(2027, 6, 9), "Setup day", "test");
            return new Attempt(() -> says(m, "bank holidays remove 2027-06-09"),
                    heard -> assertThat(holidays.all()).doesNotContainKey(LocalDate.of(2027, 6, 9)),
                    () -> holidays.remove(LocalDate.of(2027, 6, 9), "test"));
        }));
    }

    // ---- the admin API, one call per controller's programme-team power

    private void apiPowers() {
        powers.put("API faq gaps", new Power(true, (m, id) -> new Attempt(() -> api(m, "GET", "/admin/api/faq/gaps", null, null),
                heard -> assertThat(heard).startsWith("HTTP 200"))));
        powers.put("API faq disable", new Power(true, (m, id) -> new Attempt(
                () -> api(m, "POST", "/admin/api/faq/entries/" + ENTRY + "/disable", null, null),
                heard -> assertThat(enabled()).isFalse(), () -> knowledgeBase.setEnabled(ENTRY, true, "test"))));
        powers.put("API faq reimport", new Power(true, (m, id) -> new Attempt(() -> api(m, "POST", "/admin/api/faq/reimport", null, null),
                heard -> assertThat(heard).startsWith("HTTP 200"))));
        powers.put("API announcement draft", new Power(true, (m, id) -> new Attempt(() -> api(m, "POST", "/admin/api/announcements",
                "application/json", "{\"title\":\"T\",\"body\":\"B\",\"askAcknowledgement\":false,"
                        + "\"audience\":{\"kind\":\"EMAILS\",\"emails\":[\"" + m.email() + "\"]}}"),
                heard -> assertThat(heard).startsWith("HTTP 201"))));
        powers.put("API roster import", new Power(true, (m, id) -> new Attempt(
                () -> api(m, "POST", "/admin/api/roster/import?mode=commit", "text/csv", new String(rosterCsv(), StandardCharsets.UTF_8)),
                heard -> assertThat(heard).startsWith("HTTP 200").contains("\"committed\":true"))));
        powers.put("API bank holiday add", new Power(true, (m, id) -> new Attempt(() -> api(m, "POST", "/admin/api/calendar/bank-holidays",
                "application/json", "{\"date\":\"2027-06-10\",\"name\":\"API day\"}"),
                heard -> assertThat(holidays.all()).containsKey(LocalDate.of(2027, 6, 10)),
                () -> holidays.remove(LocalDate.of(2027, 6, 10), "test"))));
        powers.put("API talent moderation", new Power(true, (m, id) -> {
            long review = agreedReview();
            return new Attempt(() -> api(m, "POST", "/admin/api/talent/reviews/" + review + "/moderated", null, null),
                    heard -> assertThat(heard).startsWith("HTTP 200").contains("\"status\":\"MODERATED\""));
        }));
        powers.put("API programme-team add", new Power(true, (m, id) -> {
            TestUsers.User other = newUser("Would Be Member");
            long otherId = onRoster(other, Role.PARTICIPANT, null);
            return new Attempt(() -> api(m, "POST", "/admin/api/programme-team", "application/json", "{\"personId\":" + otherId + "}"),
                    heard -> assertThat(programmeTeam.existsById(otherId)).isTrue(), () -> programmeTeam.deleteById(otherId));
        }));
        powers.put("API status change", new Power(true, (m, id) -> {
            TestUsers.User other = newUser("Pausing Participant");
            long otherId = onRoster(other, Role.PARTICIPANT, null);
            return new Attempt(() -> api(m, "PUT", "/admin/api/people/" + otherId + "/status", "application/json",
                    "{\"status\":\"PAUSED\",\"reason\":\"Parental leave\"}"),
                    heard -> assertThat(people.findById(otherId).orElseThrow().status()).isEqualTo(PersonStatus.PAUSED));
        }));
        powers.put("API audit log", new Power(true, (m, id) -> new Attempt(() -> api(m, "GET", "/admin/api/audit", null, null),
                heard -> assertThat(heard).startsWith("HTTP 200"))));
    }

    // ---- arranging

    /** Removes the member, or sets them to LEFT, through the admin API as another member would. */
    private void stand(long memberId, Standing standing) {
        switch (standing) {
            case CURRENT -> { }
            case REMOVED -> assertThat(api(anchor(), "DELETE", "/admin/api/programme-team/" + memberId, null, null))
                    .startsWith("HTTP 204");
            case LEFT -> assertThat(api(anchor(), "PUT", "/admin/api/people/" + memberId + "/status", "application/json",
                    "{\"status\":\"LEFT\",\"reason\":\"Moved to another trust\"}")).startsWith("HTTP 200");
        }
    }

    /** A member who stays on the team throughout, so the others can be removed or leave. */
    private TestUsers.User anchor() {
        if (anchor == null) {
            anchor = newUser("Anchor Member");
            onRoster(anchor, Role.PROGRAMME_TEAM, null);
        }
        return anchor;
    }

    /** A participant escalates a question; the member, still current, gets the ticket card. */
    private JsonNode ticketFor(TestUsers.User member) {
        anchor();
        TestUsers.User asker = newUser("Ticket Asker");
        onRoster(asker, Role.PARTICIPANT, null);
        connector.reset();
        escalate(asker, "blorft zqxj wibble " + UUID.randomUUID());
        return connector.messagesTo(member.conversationId()).stream().map(FakeBotConnector.Call::card)
                .filter(c -> c != null && c.toString().contains("faq.ticket.answer")).reduce((a, b) -> b).orElseThrow();
    }

    private void escalate(TestUsers.User asker, String question) {
        say(asker, question);
        press(asker, button(lastCard(asker), "Ask the programme team"));
        deliverOutbox();
    }

    private Map<String, Object> announcement(TestUsers.User member) {
        Map<String, Object> data = new HashMap<>();
        data.put("action", "announce.preview");
        data.put("title", "Launch event moved");
        data.put("body", "It is now on **Tuesday**.");
        data.put("audience", "EMAILS");
        data.put("emails", member.email());
        return data;
    }

    /** The member previews an announcement of their own; the confirm card has Send and Discard. */
    private JsonNode previewed(TestUsers.User member) {
        presses(member, announcement(member));
        return lastCard(member);
    }

    private byte[] rosterCsv() {
        String cohort = "powers" + UUID.randomUUID().toString().substring(0, 8);
        cohorts.create(new ManagingCohorts.CohortDetails(cohort, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31), null, null));
        String local = "powers." + UUID.randomUUID().toString().substring(0, 8);
        return (RosterImportTest.HEADER + local + "@" + cohort + ".nhs.net,Powers Person,,," + cohort + ",sponsor."
                + local + "@" + cohort + ".nhs.net,,,,\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A participant's review agreed by both and waiting for moderation. */
    private long agreedReview() {
        TestUsers.User participant = newUser("Agreed Participant");
        long participantId = onRoster(participant, Role.PARTICIPANT, null);
        return transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement("INSERT INTO talent_review (participant_person_id,"
                    + " cycle, grid_version, status, preparation, sponsor_input, outcome, agreed_box, agreed_at, version,"
                    + " created_at, updated_at) VALUES (?, '2026-27', 'test', 'AGREED', '{}', '{}', '{\"agreedBox\":\"HIGH_HIGH\"}',"
                    + " 'HIGH_HIGH', ?, 1, ?, ?)", new String[] {"id"})) {
                Timestamp now = Timestamp.from(Instant.now());
                s.setLong(1, participantId);
                s.setTimestamp(2, now);
                s.setTimestamp(3, now);
                s.setTimestamp(4, now);
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    // ---- acting and reading what came back

    private String says(TestUsers.User member, String text) {
        say(member, text);
        return heard(member);
    }

    private String presses(TestUsers.User member, Map<String, ?> data) {
        press(member, data);
        return heard(member);
    }

    private String uploads(TestUsers.User member, String url) {
        send(Activities.message("").file("roster.csv", url).from(member));
        return heard(member);
    }

    /** Everything the member was sent since the last reset, as they would read it. */
    private String heard(TestUsers.User member) {
        List<String> read = new ArrayList<>();
        for (FakeBotConnector.Call call : connector.messagesTo(member.conversationId())) {
            read.add(call.card() != null ? textOf(call.card()) : call.text());
        }
        return String.join("\n", read);
    }

    private String api(TestUsers.User caller, String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + entra.token(caller));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return "HTTP " + response.statusCode() + " " + response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode button(JsonNode card, String title) {
        return actionData(card, title);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> data(JsonNode node) {
        return new HashMap<>(new com.fasterxml.jackson.databind.ObjectMapper().convertValue(node, Map.class));
    }

    private boolean enabled() {
        return knowledgeBase.find(ENTRY).orElseThrow().enabled();
    }

    private Map<String, String> snapshot() {
        return TableSnapshot.of(transactions, TableSnapshot.RECORDS);
    }
}
