package uk.nhs.hps.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The Announcements pages over plain HTTP: sessions, CSRF, refusals, and what each form does and does not change. */
@MicronautTest(transactional = false, environments = "dev")
class AnnouncementsConsoleTest extends AnnouncementsConsoleTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private String session;
    private String csrf;

    @BeforeEach
    void signInAsPat() {
        session = signIn(patId);
        csrf = csrfOf(open("/console/announcements").body());
    }

    @Test
    void theListWithNoAnnouncementsSaysSoAndOffersANewOne() {
        HttpResponse<String> list = open("/console/announcements");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("There are no announcements yet").contains("href=\"/console/announcements/new\"")
                .contains("aria-current=\"page\"");
    }

    @Test
    void sendingNowGoesThroughTheConfirmationAndReachesTheWholeCohort() {
        HttpResponse<String> composed = submit("/console/announcements/compose", compose(Map.of()));
        String confirmPath = location(composed);
        HttpResponse<String> confirm = open(confirmPath);

        HttpResponse<String> sent = submit(confirmPath, Map.of("at", ""));
        deliverOutbox();

        assertThat(composed.statusCode()).isEqualTo(303);
        assertThat(confirm.body()).contains("Send this announcement now?").contains("will go now to 3 people");
        assertThat(location(sent)).endsWith("?done=sent&n=3");
        assertThat(connector.delivered()).hasSize(3);
        assertThat(open(location(sent)).body()).contains("Sent: the announcement is on its way to 3 people")
                .contains("Delivered to all 3 recipients.");
    }

    @Test
    void aSecondPressOfSendSendsNothingMore() {
        String confirmPath = location(submit("/console/announcements/compose", compose(Map.of())));

        HttpResponse<String> first = submit(confirmPath, Map.of("at", ""));
        HttpResponse<String> second = submit(confirmPath, Map.of("at", ""));
        deliverOutbox();

        assertThat(location(first)).endsWith("?done=sent&n=3");
        assertThat(location(second)).endsWith("?done=already");
        assertThat(count("SELECT COUNT(*) FROM outbound_message WHERE campaign LIKE 'announcement:%'")).isEqualTo(3);
        assertThat(connector.delivered()).hasSize(3);
    }

    @Test
    void anEmptyAnnouncementWithNoAudienceShowsEveryProblemAndStoresNothing() {
        HttpResponse<String> page = submit("/console/announcements/compose", compose(Map.of("title", " ", "body", "", "cohort", "")));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(summary(page.body())).containsExactly("#title Enter a title.", "#body Enter the text of the announcement.",
                "#cohort Choose the cohort the announcement is for.");
        assertThat(announcements()).isZero();
    }

    @Test
    void aScheduleInThePastIsRefusedAndKeepsWhatWasTyped() {
        String yesterday = LocalDate.now(ZoneId.of("Europe/London")).minusDays(1).toString();

        HttpResponse<String> page = submit("/console/announcements/compose",
                compose(Map.of("when", "later", "sendDate", yesterday, "sendTime", "09:00")));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(summary(page.body())).singleElement().asString().startsWith("#sendDate").contains("is in the past");
        assertThat(page.body()).contains("value=\"Workshop moved\"").contains("value=\"" + yesterday + "\"");
        assertThat(announcements()).isZero();
    }

    @Test
    void anUnknownCohortIsRefusedAndStoresNothing() {
        HttpResponse<String> page = submit("/console/announcements/compose", compose(Map.of("cohort", "987654")));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(summary(page.body())).containsExactly("#cohort There is no cohort 987654; choose one from the list.");
        assertThat(announcements()).isZero();
    }

    @Test
    void aScheduledAnnouncementWaitsAndCanBeCancelledAfterAConfirmation() {
        String tomorrow = LocalDate.now(ZoneId.of("Europe/London")).plusDays(1).toString();
        String confirmPath = location(submit("/console/announcements/compose",
                compose(Map.of("when", "later", "sendDate", tomorrow, "sendTime", "09:00"))));
        assertThat(open(confirmPath).body()).contains("Schedule this announcement?").contains(", 09:00 (UK time) to 3 people");
        String page = location(submit(confirmPath.substring(0, confirmPath.indexOf('?')), Map.of("at", tomorrow + "T09:00")));
        String id = page.replaceAll(".*/announcements/(\\d+).*", "$1");

        HttpResponse<String> confirmCancel = open("/console/announcements/" + id + "/cancel");
        HttpResponse<String> cancelled = submit("/console/announcements/" + id + "/cancel", Map.of());

        assertThat(page).endsWith("?done=scheduled&n=3");
        assertThat(confirmCancel.body()).contains("Cancel this scheduled announcement?").contains("still waiting for it at");
        assertThat(location(cancelled)).endsWith("?done=cancel&n=3");
        assertThat(count("SELECT COUNT(*) FROM outbound_message WHERE campaign = ? AND status = 'CANCELLED'", "announcement:" + id)).isEqualTo(3);
        assertThat(open(location(cancelled)).body()).contains(">Cancelled<");
    }

    @Test
    void theLiveCountNarrowsByRoleStreamAndOrganisation() {
        String everyone = submit("/console/announcements/audience-count", audience("", "", "")).body();
        String participants = submit("/console/announcements/audience-count", audience("PARTICIPANT", "", "")).body();
        String streamOne = submit("/console/announcements/audience-count", audience("PARTICIPANT", "ONE", "")).body();
        String sponsorsAtYork = submit("/console/announcements/audience-count", audience("SPONSOR", "", "York and Scarborough")).body();

        assertThat(everyone).contains("<strong>3 people</strong>");
        assertThat(participants).contains("<strong>2 people</strong>");
        assertThat(streamOne).contains("<strong>1 person</strong>");
        assertThat(sponsorsAtYork).contains("<strong>0 people</strong>");
    }

    @Test
    void thePreviewIsTheCardTheBotSends() throws IOException {
        HttpResponse<String> card = submit("/console/announcements/card", compose(Map.of("askAcknowledgement", "yes",
                "linkTitle", "Book a place", "linkUrl", "https://example.nhs.uk/book")));

        JsonNode json = JSON.readTree(card.body());
        assertThat(card.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(json.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(json.path("body").get(0).path("text").asText()).isEqualTo("Workshop moved");
        assertThat(json.path("actions").findValuesAsText("title")).containsExactly("Book a place", "Acknowledge");
        assertThat(announcements()).isZero();
    }

    @Test
    void someoneNotOnTheProgrammeTeamIsRefused() {
        long stranger = member(TestUsers.STRANGER);
        String strangerSession = signIn(stranger);
        programmeTeam.deleteById(stranger);

        HttpResponse<String> page = open("/console/announcements", strangerSession);

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("You do not have access to the console").doesNotContain("New announcement");
    }

    @Test
    void aFormWithoutTheSessionsCsrfTokenChangesNothing() {
        Map<String, String> form = compose(Map.of());
        form.put("_csrf", "forged");

        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base() + "/console/announcements/compose"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session)
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build());

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(announcements()).isZero();
    }

    @Test
    void resendingTheFailedCopiesQueuesOnlyThoseAfterAConfirmation() {
        unreachable("uninstalled");
        String id = sentAnnouncement(Map.of());
        String shown = open("/console/announcements/" + id).body();

        HttpResponse<String> confirm = open("/console/announcements/" + id + "/resend");
        HttpResponse<String> resent = submit("/console/announcements/" + id + "/resend", Map.of());

        assertThat(shown).contains("Delivered to 3 of 4 recipients.").contains("has not installed HPS Companion")
                .contains("Una uninstalled");
        assertThat(confirm.body()).contains("1 person will be sent");
        assertThat(location(resent)).endsWith("?done=resend&n=1");
    }

    @Test
    void editingASentAnnouncementAsksFirstThenUpdatesTheCardsInTheirChats() {
        String id = sentAnnouncement(Map.of());
        Map<String, String> edit = new LinkedHashMap<>(Map.of("title", "Workshop moved", "body", "Corrected: it is in York."));

        HttpResponse<String> confirm = submit("/console/announcements/" + id + "/edit", edit);
        long putsBeforeConfirming = connector.calls().stream().filter(c -> c.method().equals("PUT")).count();
        edit.put("confirmed", "yes");
        HttpResponse<String> saved = submit("/console/announcements/" + id + "/edit", edit);

        assertThat(confirm.body()).contains("Save the changes?").contains("updated in 3 chats");
        assertThat(putsBeforeConfirming).isZero();
        assertThat(location(saved)).endsWith("?done=edited&n=3");
        assertThat(connector.calls().stream().filter(c -> c.method().equals("PUT")))
                .hasSize(3).allMatch(c -> c.body().toString().contains("Corrected: it is in York."));
    }

    @Test
    void recallingRemovesTheDeliveredCardsAfterAConfirmation() {
        String id = sentAnnouncement(Map.of());

        HttpResponse<String> confirm = open("/console/announcements/" + id + "/recall");
        HttpResponse<String> recalled = submit("/console/announcements/" + id + "/recall", Map.of());

        assertThat(confirm.body()).contains("Recall this announcement?").contains("This cannot be undone");
        assertThat(location(recalled)).endsWith("?done=recall&n=3");
        assertThat(connector.calls().stream().filter(c -> c.method().equals("DELETE")).count()).isEqualTo(3);
    }

    @Test
    void theProgressFragmentPollsUntilEveryCopyIsDelivered() {
        String confirmPath = location(submit("/console/announcements/compose", compose(Map.of())));
        String id = location(submit(confirmPath, Map.of("at", ""))).replaceAll(".*/announcements/(\\d+).*", "$1");

        String waiting = open("/console/announcements/" + id + "/progress").body();
        deliverOutbox();
        String done = open("/console/announcements/" + id + "/progress").body();

        assertThat(waiting).contains("hx-get=\"/console/announcements/" + id + "/progress\"").contains("Sending: 0 of 3 delivered so far.");
        assertThat(done).doesNotContain("hx-get").contains("Delivered to all 3 recipients.");
    }

    @Test
    void theRecipientsCsvIsTheAdminApisDownload() {
        String id = sentAnnouncement(Map.of("askAcknowledgement", "yes"));

        HttpResponse<String> csv = open("/console/announcements/" + id + "/recipients.csv");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains("attachment"));
        assertThat(csv.body()).startsWith("name,email,status,reason,sent_at,acknowledged_at")
                .contains(members.get(0).email(), members.get(1).email(), members.get(2).email())
                .isEqualTo(get("/admin/api/announcements/" + id + "/recipients.csv").body());
    }

    @Test
    void duplicatingMakesANewDraftWithTheSameTextAndAudience() {
        String id = sentAnnouncement(Map.of("title", "Reminder: reflective log"));

        HttpResponse<String> duplicated = submit("/console/announcements/" + id + "/duplicate", Map.of());
        HttpResponse<String> draft = open(location(duplicated));

        assertThat(location(duplicated)).matches("/console/announcements/\\d+/draft").doesNotContain("/" + id + "/");
        assertThat(draft.body()).contains("Draft announcement").contains("value=\"Reminder: reflective log\"")
                .containsPattern("<option value=\"" + cohort.id() + "\" selected=\"selected\"");
        assertThat(announcements()).isEqualTo(2);
    }

    @Test
    void theAnnouncementPageNamesWhoHasNotAcknowledged() {
        String id = sentAnnouncement(Map.of("askAcknowledgement", "yes"));

        String page = open("/console/announcements/" + id).body();

        assertThat(page).contains("Not acknowledged yet").contains("Test first").contains("Test second").contains("Test sponsor")
                .contains("(0% of those delivered)");
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    /** Composes, confirms and delivers an announcement to the cohort; its id. */
    private String sentAnnouncement(Map<String, String> overrides) {
        String confirmPath = location(submit("/console/announcements/compose", compose(overrides)));
        String page = location(submit(confirmPath, Map.of("at", "")));
        deliverOutbox();
        return page.replaceAll(".*/announcements/(\\d+).*", "$1");
    }

    private Map<String, String> compose(Map<String, String> overrides) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("title", "Workshop moved");
        form.put("body", "The March workshop moves to **Leeds**.");
        form.put("cohort", String.valueOf(cohort.id()));
        form.put("role", "");
        form.put("stream", "");
        form.put("organisation", "");
        form.put("when", "now");
        form.put("intent", "send");
        form.putAll(overrides);
        return form;
    }

    private Map<String, String> audience(String role, String stream, String organisation) {
        return new LinkedHashMap<>(Map.of("cohort", String.valueOf(cohort.id()), "role", role, "stream", stream,
                "organisation", organisation));
    }

    /** The error summary's links, as "#field message". */
    private static java.util.List<String> summary(String html) {
        int start = html.indexOf("class=\"error-summary\"");
        assertThat(start).as("an error summary").isPositive();
        String box = html.substring(start, html.indexOf("</ul>", start));
        Matcher m = Pattern.compile("<a href=\"([^\"]+)\">([^<]+)</a>").matcher(box);
        java.util.List<String> links = new java.util.ArrayList<>();
        while (m.find()) {
            links.add(m.group(1) + " " + m.group(2).replace("&#39;", "'").replace("&ldquo;", "“").replace("&rdquo;", "”"));
        }
        return links;
    }

    private String signIn(long personId) {
        HttpResponse<String> page = open("/console/dev-sign-in", null);
        String login = cookie(page, "hps_console_login");
        HttpResponse<String> signedIn = send(HttpRequest.newBuilder(URI.create(base() + "/console/dev-sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "hps_console_login=" + login)
                .POST(HttpRequest.BodyPublishers.ofString("person=" + personId + "&_csrf=" + URLEncoder.encode(login, StandardCharsets.UTF_8)))
                .build());
        return "hps_console=" + cookie(signedIn, "hps_console");
    }

    private static String cookie(HttpResponse<?> response, String name) {
        String c = response.headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith(name + "=") && !v.startsWith(name + "=;"))
                .findFirst().orElseThrow(() -> new AssertionError("no cookie " + name + ": " + response.statusCode()));
        return c.substring(name.length() + 1, c.indexOf(';'));
    }

    private static String csrfOf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String location(HttpResponse<?> response) {
        assertThat(response.statusCode()).as("a redirect").isEqualTo(303);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private HttpResponse<String> open(String path) {
        return open(path, session);
    }

    private HttpResponse<String> open(String path, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return send(b.build());
    }

    private HttpResponse<String> submit(String path, Map<String, String> form) {
        Map<String, String> all = new LinkedHashMap<>(form);
        all.put("_csrf", csrf);
        return send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session)
                .POST(HttpRequest.BodyPublishers.ofString(encode(all))).build());
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
