package uk.nhs.hps.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.FakeEntraIssuer;
import uk.nhs.hps.support.FakeTokenIssuer;
import uk.nhs.hps.support.ServiceProcess;
import uk.nhs.hps.support.TestDatabases;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service, killed with SIGKILL at the moments that used to lose work, then restarted on the
 * same store (an H2 file, as by default, and PostgreSQL): what it acknowledged is there, Teams' retries of
 * the same activity ids are processed exactly once, and no recipient of a broadcast gets two copies.
 * Runs in {@code verify}, after {@code package} built the jar. Each test prints its counts (README
 * "Durability and crash tests").
 */
class KilledServiceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final String APP_ID = "00000000-0000-4000-8000-00000000b0b1";
    private static final String PROGRAMME_TEAM = TestUsers.PAT.email();
    private static final int BROADCAST_WORKERS = 8;

    private final FakeTokenIssuer issuer = FakeTokenIssuer.instance();
    private final FakeEntraIssuer entra = FakeEntraIssuer.instance();
    private final FakeBotConnector connector = new FakeBotConnector();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService clients = Executors.newFixedThreadPool(40);
    private Map<String, String> store;
    private ServiceProcess service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        clients.shutdownNow();
        connector.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabases.Kind.class)
    void rosterImportAndEntriesTheServiceConfirmedSurviveSigkill(TestDatabases.Kind kind) throws Exception {
        service = start(kind);
        long cohort = createCohort();
        JsonNode report = importRoster(cohort, 500, "roster");
        service.kill(); // the moment the admin API answered committed:true
        service = restart();
        List<TestUsers.User> users = onRosterAndInTeams(cohort, 5, "saved");
        int saidSaved = 0;
        for (TestUsers.User user : users) {
            post(saveEntry(user, "Saved by " + user.name()));
            saidSaved += savedRepliesTo(user);
        }
        service.kill(); // the moment the fifth person saw "saved"

        long people = count("SELECT COUNT(*) FROM person WHERE email LIKE 'roster.%@crash.nhs.net'");
        long entries = count("SELECT COUNT(*) FROM reflection_entry WHERE title LIKE 'Saved by %'");
        report(kind, "roster import of 500 answered committed:true, then killed: people present after restart", people);
        report(kind, "5 entries each answered 'saved', killed right after the fifth: entries present", entries);
        assertThat(report.path("committed").asBoolean()).isTrue();
        assertThat(people).isEqualTo(500);
        assertThat(saidSaved).isEqualTo(5);
        assertThat(entries).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabases.Kind.class)
    void concurrentSavesCutOffBySigkillAreEachSavedOnceWhenTeamsRetries(TestDatabases.Kind kind) throws Exception {
        int n = 40;
        service = start(kind);
        List<TestUsers.User> users = onRosterAndInTeams(createCohort(), n, "busy");
        List<Activities> saves = users.stream().map(u -> saveEntry(u, "Busy " + u.name())).toList();
        connector.reset();

        for (Activities save : saves) {
            clients.submit(() -> postQuietly(save)); // the kill cuts some of these off mid-request
        }
        connector.awaitMessages(n / 4, Duration.ofSeconds(60));
        service.kill();
        Set<String> acknowledged = users.stream().filter(u -> savedRepliesTo(u) > 0).map(TestUsers.User::name)
                .collect(Collectors.toSet());
        connector.reset();
        service = restart();
        for (Activities save : saves) {
            post(save); // Teams retries every activity it had no 2xx for; these include some that did commit
        }
        Set<String> answeredOnRetry = users.stream().filter(u -> savedRepliesTo(u) > 0).map(TestUsers.User::name)
                .collect(Collectors.toSet());
        service.kill();

        Map<String, Long> entriesPerUser = countPerTitle("SELECT title FROM reflection_entry WHERE title LIKE 'Busy %'");
        long claimedIds = count("SELECT COUNT(*) FROM processed_activity WHERE activity_id IN ("
                + saves.stream().map(a -> "'" + a.id() + "'").collect(Collectors.joining(",")) + ")");
        report(kind, n + " concurrent saves, killed after " + acknowledged.size() + " answered; after the retries: "
                + "entries / answered again on retry / ids claimed / users with two entries",
                entriesPerUser.size() + " / " + answeredOnRetry.size() + " / " + claimedIds + " / "
                        + entriesPerUser.values().stream().filter(c -> c > 1).count());
        assertThat(acknowledged).isNotEmpty();
        assertThat(entriesPerUser).hasSize(n).allSatisfy((title, entries) -> assertThat(entries).as(title).isEqualTo(1));
        assertThat(claimedIds).isEqualTo(n);
        assertThat(answeredOnRetry).doesNotContainAnyElementsOf(acknowledged);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabases.Kind.class)
    void broadcastCutOffBySigkillNeverSendsAnyoneTwoCopies(TestDatabases.Kind kind) throws Exception {
        int n = 300;
        prepareStore(kind);
        long cohort = reachableCohort(n);
        service = restart();
        connector.answerAfter(150); // a connector across a network, so sends are in flight when the kill comes

        long id = admin("POST", "/admin/api/announcements", JSON.writeValueAsString(Map.of("title", "Crash news",
                "body", "The workshop moves to Leeds.", "askAcknowledgement", false,
                "audience", Map.of("kind", "COHORTS", "cohortIds", List.of(cohort))))).path("id").asLong();
        admin("POST", "/admin/api/announcements/" + id + "/send", "{}");
        connector.awaitMessages(n / 3, Duration.ofSeconds(60));
        service.kill();
        int beforeKill = connector.delivered().size();
        service = restart();
        JsonNode status = awaitFinished(id, Duration.ofSeconds(60));
        service.kill();

        Map<String, Long> copies = connector.delivered().stream()
                .collect(Collectors.groupingBy(FakeBotConnector.Call::path, Collectors.counting()));
        Map<String, Long> statuses = countPerTitle("SELECT status FROM outbound_message WHERE campaign = 'announcement:" + id + "'");
        long twice = copies.values().stream().filter(c -> c > 1).count();
        report(kind, n + " recipients, killed after " + beforeKill + " copies; after restart: recipients with 1 copy"
                + " / with 2+ / SENT / UNKNOWN", copies.size() + " / " + twice + " / " + statuses.get("SENT") + " / "
                + statuses.getOrDefault("UNKNOWN", 0L));
        assertThat(status.path("total").asInt()).isEqualTo(n);
        assertThat(twice).isZero();
        assertThat(statuses.getOrDefault("SENT", 0L) + statuses.getOrDefault("UNKNOWN", 0L)).isEqualTo(n);
        assertThat(statuses.getOrDefault("UNKNOWN", 0L)).isLessThanOrEqualTo(BROADCAST_WORKERS);
        for (String conversation : sentConversations("announcement:" + id)) {
            assertThat(copies.get("/v3/conversations/" + conversation + "/activities")).as(conversation).isEqualTo(1);
        }
    }

    private List<String> sentConversations(String campaign) throws SQLException {
        List<String> conversations = new ArrayList<>();
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT conversation_id FROM outbound_message WHERE status = 'SENT' AND campaign = '"
                     + campaign + "'")) {
            while (rows.next()) {
                conversations.add(rows.getString(1));
            }
        }
        return conversations;
    }

    // ---- the service and its store

    private ServiceProcess start(TestDatabases.Kind kind) throws SQLException {
        prepareStore(kind);
        return restart();
    }

    /** A migrated store holding the first programme-team member, whom the admin API knows by their token. */
    private void prepareStore(TestDatabases.Kind kind) throws SQLException {
        store = kind == TestDatabases.Kind.H2 ? TestDatabases.h2File() : TestDatabases.postgres();
        Flyway.configure().dataSource(url(), store.get("datasources.default.username"),
                store.get("datasources.default.password")).locations("classpath:db/migration").load().migrate();
        // the first programme-team member, whom the admin API then recognises by their Entra token
        execute("INSERT INTO person (email, display_name, role, aad_object_id, created_at, updated_at) VALUES ('"
                + PROGRAMME_TEAM + "', 'Pat Programme', 'PROGRAMME_TEAM', '" + TestUsers.PAT.aadObjectId()
                + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        execute("INSERT INTO programme_team_member (person_id, added_at) SELECT id, CURRENT_TIMESTAMP FROM person WHERE email = '"
                + PROGRAMME_TEAM + "'");
    }

    /**
     * A cohort of people who have all talked to the bot before (their 1:1 chats are known), written straight
     * into the store: what the broadcast starts from, not what it tests.
     */
    private long reachableCohort(int n) throws SQLException {
        execute("INSERT INTO cohort (name, name_key, starts_on, ends_on, created_at, updated_at) VALUES"
                + " ('News 2026', 'news 2026', DATE '2026-01-01', DATE '2027-12-31', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        long cohort = count("SELECT id FROM cohort WHERE name_key = 'news 2026'");
        try (Connection c = connection(); Statement s = c.createStatement()) {
            for (int i = 0; i < n; i++) {
                s.addBatch("INSERT INTO person (email, display_name, role, aad_object_id, cohort_id, created_at, updated_at)"
                        + " VALUES ('news." + i + "@crash.nhs.net', 'News " + i + "', 'PARTICIPANT', 'aad-news-" + i + "', "
                        + cohort + ", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
                s.addBatch("INSERT INTO teams_identity (teams_user_id, aad_object_id, tenant_id, display_name, email, person_id,"
                        + " service_url, conversation_id, conversation_reference, first_seen_at, last_seen_at)"
                        + " SELECT '29:news-" + i + "', aad_object_id, '" + TestUsers.TENANT + "', display_name, email, id, '"
                        + connector.serviceUrl() + "', 'a:news-" + i + "', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP"
                        + " FROM person WHERE email = 'news." + i + "@crash.nhs.net'");
            }
            s.executeBatch();
        }
        return cohort;
    }

    private ServiceProcess restart() {
        Map<String, String> properties = new HashMap<>(store);
        properties.put("teams.app-id", APP_ID);
        properties.put("teams.app-password", "test-password-not-a-secret");
        properties.put("teams.app-tenant-id", TestUsers.TENANT);
        properties.put("teams.open-id-metadata", issuer.openIdMetadataUrl());
        properties.put("teams.token-endpoint", issuer.tokenEndpoint());
        properties.put("teams.default-service-url", connector.serviceUrl());
        properties.put("admin.auth.issuer", entra.issuer());
        properties.put("admin.auth.audience", FakeEntraIssuer.AUDIENCE);
        properties.put("scheduling.enabled", "false");
        properties.put("delivery.rate-per-second", "200");
        properties.put("delivery.per-conversation-rate-per-second", "7");
        properties.put("delivery.workers", String.valueOf(BROADCAST_WORKERS));
        properties.put("delivery.batch-size", "50");
        // a dead dispatcher's sends are recovered once their lease has run out: short, so the test is too
        properties.put("delivery.lease", "3s");
        properties.put("delivery.idle-poll-interval", "100ms");
        return ServiceProcess.start(properties, STARTUP);
    }

    private String url() {
        return store.get("datasources.default.url");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Read from the store itself, with the service dead (an H2 file has one owner at a time). */
    private long count(String sql) throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Map<String, Long> countPerTitle(String sql) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                counts.merge(rows.getString(1), 1L, Long::sum);
            }
        }
        return counts;
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(url(), store.get("datasources.default.username"),
                store.get("datasources.default.password"));
    }

    private static void report(TestDatabases.Kind kind, String what, Object counts) {
        System.out.printf("crash test [%s] %s: %s%n", kind == TestDatabases.Kind.H2 ? "H2 file" : "PostgreSQL", what, counts);
    }

    // ---- the admin API, as the programme team

    private long createCohort() throws IOException, InterruptedException {
        return admin("POST", "/admin/api/cohorts",
                "{\"name\":\"Crash 2026\",\"startsOn\":\"2026-01-01\",\"endsOn\":\"2027-12-31\"}").path("id").asLong();
    }

    private JsonNode importRoster(long cohortId, int n, String prefix) throws IOException, InterruptedException {
        StringBuilder csv = new StringBuilder("email,name,cohort,sponsor_email,sponsor_name\n");
        for (int i = 0; i < n; i++) {
            csv.append(prefix).append('.').append(i).append("@crash.nhs.net,").append(name(prefix, i))
                    .append(",Crash 2026,sponsor.").append(prefix).append('.').append(i % 10)
                    .append("@crash.nhs.net,Sponsor ").append(i % 10).append('\n');
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(service.baseUrl() + "/admin/api/roster/import?mode=commit"))
                .header("Authorization", "Bearer " + entra.token(TestUsers.PAT)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode admin(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Authorization", "Bearer " + entra.token(TestUsers.PAT)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    /** Polls the restarted service's own status report (another process: nothing to be woken by). */
    private JsonNode awaitFinished(long announcementId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode status = admin("GET", "/admin/api/announcements/" + announcementId + "/status", null);
        while (status.path("pending").asInt() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
            status = admin("GET", "/admin/api/announcements/" + announcementId + "/status", null);
        }
        assertThat(status.path("pending").asInt()).as("still pending: " + status).isZero();
        return status;
    }

    // ---- Teams

    private static String name(String prefix, int i) {
        return "Crash " + prefix + " " + i;
    }

    /** Imports the people, then each writes to the bot once, so the bot links their Teams chat to them. */
    private List<TestUsers.User> onRosterAndInTeams(long cohortId, int n, String prefix) throws Exception {
        assertThat(importRoster(cohortId, n, prefix).path("committed").asBoolean()).isTrue();
        List<TestUsers.User> users = IntStream.range(0, n).mapToObj(i -> new TestUsers.User("29:" + prefix + "-" + i,
                "aad-" + prefix + "-" + i, name(prefix, i), prefix + "." + i + "@crash.nhs.net")).toList();
        users.forEach(u -> connector.knowsMember(u.teamsId(), u.name(), u.email(), u.aadObjectId()));
        List<java.util.concurrent.Future<HttpResponse<String>>> hellos = new ArrayList<>();
        for (TestUsers.User user : users) {
            hellos.add(clients.submit(() -> post(Activities.message("hi").from(user))));
        }
        for (var hello : hellos) {
            assertThat(hello.get(60, TimeUnit.SECONDS).statusCode()).isBetween(200, 202);
        }
        return users;
    }

    /** A new-entry card's Save, filled in; without a submission key, so only the activity id makes it once. */
    private static Activities saveEntry(TestUsers.User user, String title) {
        ObjectNode data = JSON.createObjectNode();
        data.put("action", "reflection.save");
        data.put("template", "rolfe");
        data.put("entryId", "");
        data.put("version", "");
        data.put("submissionKey", "");
        data.put("title", title);
        data.put("experiencedOn", "2026-11-20");
        data.put("step_what", "I led the morning huddle.");
        data.put("step_so_what", "People speak up more when I ask first.");
        data.put("step_now_what", "Ask before telling.");
        data.put("dimensions", "");
        data.put("source", "experience");
        data.put("assignment", "");
        data.put("share", "false");
        return Activities.cardSubmit(data).from(user);
    }

    private int savedRepliesTo(TestUsers.User user) {
        return (int) connector.messagesTo(user.conversationId()).stream()
                .filter(c -> c.card() != null && "reflection-saved".equals(c.card().path("body").path(0).path("id").asText()))
                .count();
    }

    private HttpResponse<String> post(Activities activity) throws IOException, InterruptedException {
        activity.serviceUrl(connector.serviceUrl());
        return http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/messages"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + issuer.channelToken(APP_ID, connector.serviceUrl()))
                .POST(HttpRequest.BodyPublishers.ofString(activity.json())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Void postQuietly(Activities activity) {
        try {
            post(activity);
        } catch (IOException cutOff) {
            // the service died under this request: Teams would retry it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
