package uk.nhs.hps.roster;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.privacy.DataLinks;
import uk.nhs.hps.support.CapturedLogs;
import uk.nhs.hps.support.RecordsTestBase;
import uk.nhs.hps.support.TableSnapshot;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone set to LEFT keeps no power over the scheme's records: every command and button they send gets one clear
 * sentence and changes nothing, and data links issued to them before they left stop working. They may still ask
 * the FAQ.
 */
@MicronautTest(transactional = false)
class PeopleWhoHaveLeftTest extends RecordsTestBase {

    private static final String SENTENCE = "You've left the High Potential Scheme, so your records here are closed";

    @Inject
    ChangingStatus changingStatus;
    @Inject
    TransactionOperations<Connection> transactions;

    record Pair(TestUsers.User participant, long participantId, TestUsers.User sponsor, long sponsorId) {
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"my talent review", "talent reviews", "log reflection", "reflection: I led the huddle today",
            "my reflections", "export reflections", "meetings", "met my sponsor today", "prompts pause", "my data"})
    void aCommandFromSomeoneWhoHasLeftGetsOneSentenceAndChangesNothing(String command) {
        Pair pair = pair();
        leaves(pair.participantId());
        Map<String, String> before = TableSnapshot.of(transactions, TableSnapshot.RECORDS);
        connector.reset();

        say(pair.participant(), command);

        assertThat(last(pair.participant()).text()).startsWith(SENTENCE);
        assertThat(TableSnapshot.of(transactions, TableSnapshot.RECORDS)).isEqualTo(before);
    }

    @Test
    void myTalentReviewAfterLeavingIsASentenceNotAnApologyOrAnErrorLog() {
        Pair pair = pair();
        leaves(pair.participantId());
        connector.reset();

        try (CapturedLogs logs = new CapturedLogs()) {
            say(pair.participant(), "my talent review");

            assertThat(connector.messagesTo(pair.participant().conversationId())).hasSize(1);
            assertThat(last(pair.participant()).text()).startsWith(SENTENCE).doesNotContain("Something went wrong");
            assertThat(logs.events()).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
        }
    }

    @Test
    void theirOwnReflectionCannotBeDeletedAfterLeaving() {
        Pair pair = pair();
        say(pair.participant(), "log reflection");
        press(pair.participant(), reflection(lastCard(pair.participant())));
        JsonNode saved = lastCard(pair.participant());
        Map<String, Object> delete = new HashMap<>(Map.of("action", "reflection.delete",
                "entryId", actionData(saved, "Open").path("entryId").asText()));
        leaves(pair.participantId());
        Map<String, String> before = TableSnapshot.of(transactions, TableSnapshot.RECORDS);

        press(pair.participant(), delete);

        assertThat(last(pair.participant()).text()).startsWith(SENTENCE);
        assertThat(TableSnapshot.of(transactions, TableSnapshot.RECORDS)).isEqualTo(before);
    }

    @Test
    void aSponsorWhoHasLeftCannotRecordAMeeting() {
        Pair pair = pair();
        say(pair.sponsor(), "meeting");
        Map<String, Object> skip = data(actionData(lastCard(pair.sponsor()), "Record no meeting"));
        skip.put("reason-" + skip.get("sponsorshipId"), "Annual leave");
        leaves(pair.sponsorId());
        Map<String, String> before = TableSnapshot.of(transactions, TableSnapshot.RECORDS);

        press(pair.sponsor(), skip);

        assertThat(last(pair.sponsor()).text()).startsWith(SENTENCE);
        assertThat(TableSnapshot.of(transactions, TableSnapshot.RECORDS)).isEqualTo(before);
    }

    @Test
    void aTalentDraftIsNotSavedAfterLeaving() {
        Pair pair = pair();
        say(pair.participant(), "my talent review");
        press(pair.participant(), actionData(lastCard(pair.participant()), "Prepare"));
        Map<String, Object> draft = data(actionData(lastCard(pair.participant()), "Save draft"));
        draft.put("aspirations", "Chief operating officer");
        leaves(pair.participantId());
        Map<String, String> before = TableSnapshot.of(transactions, TableSnapshot.RECORDS);

        press(pair.participant(), draft);

        assertThat(last(pair.participant()).text()).startsWith(SENTENCE);
        assertThat(TableSnapshot.of(transactions, TableSnapshot.RECORDS)).isEqualTo(before);
    }

    @Test
    void aMyDataLinkIssuedBeforeLeavingStopsWorking() {
        Pair pair = pair();
        say(pair.participant(), "my data");
        String link = link(last(pair.participant()).text(), "\\((http[^)]+)\\)");
        assertThat(download(link).statusCode()).isEqualTo(200);
        leaves(pair.participantId());

        HttpResponse<String> after = download(link);

        assertThat(after.statusCode()).isEqualTo(403);
        assertThat(after.body()).contains(DataLinks.NO_LONGER_VALID);
    }

    @Test
    void aReflectionExportLinkIssuedBeforeLeavingStopsWorking() {
        Pair pair = pair();
        say(pair.participant(), "log reflection");
        press(pair.participant(), reflection(lastCard(pair.participant())));
        say(pair.participant(), "export reflections");
        String link = link(last(pair.participant()).text(), "\\[Markdown]\\((http[^)]+)\\)");
        assertThat(download(link).statusCode()).isEqualTo(200);
        leaves(pair.participantId());

        HttpResponse<String> after = download(link);

        assertThat(after.statusCode()).isEqualTo(403);
        assertThat(after.body()).isEqualTo(DataLinks.NO_LONGER_VALID);
    }

    @Test
    void someoneWhoHasLeftCanStillAskTheFaq() {
        Pair pair = pair();
        leaves(pair.participantId());
        connector.reset();

        say(pair.participant(), "when is the launch event");

        assertThat(lastCard(pair.participant()).toString()).contains("When is the launch event?");
    }

    // ---- arranging

    private Pair pair() {
        TestUsers.User p = newUser("Lena Leaver");
        TestUsers.User s = newUser("Sol Sponsor");
        long pid = onRoster(p, Role.PARTICIPANT, null);
        long sid = onRoster(s, Role.SPONSOR, null);
        sponsors(sid, pid);
        return new Pair(p, pid, s, sid);
    }

    private void leaves(long personId) {
        changingStatus.change(personId, PersonStatus.LEFT, "Moved to another trust", null, null, "test");
    }

    private static Map<String, Object> reflection(JsonNode card) {
        Map<String, Object> data = data(actionData(card, "Save"));
        data.put("title", "Leading the huddle");
        data.put("experiencedOn", "2026-11-20");
        data.put("step_what", "I led the morning huddle.");
        data.put("step_so_what", "People speak up more when I ask first.");
        data.put("step_now_what", "Ask before telling.");
        data.put("dimensions", "engaging_the_team");
        data.put("source", "experience");
        data.put("assignment", "");
        data.put("share", "false");
        return data;
    }

    private static Map<String, Object> data(JsonNode buttonData) {
        Map<String, Object> data = new HashMap<>();
        buttonData.fields().forEachRemaining(f -> data.put(f.getKey(), f.getValue().asText()));
        return data;
    }

    private static String link(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        assertThat(m.find()).as("a link in: %s", text).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> download(String link) {
        URI uri = URI.create(link);
        String local = server.getURL() + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(local)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
