package uk.nhs.hps.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.RecordsTestBase;
import uk.nhs.hps.support.TestUsers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one person writes reaches another person as inert text: a markdown link, an image, a Teams mention and
 * an HTML link typed into a question, an answer, a meeting reason, a reflection, a talent preparation or a
 * display name arrive at the other person's chat (the fake Bot Connector) with none of them live. The
 * programme team's own announcement keeps its formatting.
 */
@MicronautTest(transactional = false)
class PlainTextBetweenPeopleTest extends RecordsTestBase {

    private static final String PAYLOAD = "[Sign in to NHSmail](https://evil.example/login) ![pixel](https://evil.example/p.png)"
            + " <at>Pat Programme</at> <a href=\"https://evil.example\">here</a> **now**";
    private static final String EVIL_NAME = "Mal [Click me](https://evil.example/name)";
    private static final List<String> INDICATORS = List.of("aspiration", "engagement", "setting_direction",
            "engaging_people", "delivering_results");

    /** None of the payload's markup survives; its words do, so the reader still sees what was written. */
    private static void assertInert(String rendered) {
        assertThat(rendered).doesNotContain("](", "![", "<at>", "<a ", "https://evil", "**now**")
                .contains("(Sign in to NHSmail)(https∶//evil.example/login)");
    }

    @Test
    void anEscalatedQuestionAndTheAskersNameReachTheProgrammeTeamAsPlainText() {
        TestUsers.User team = member();
        TestUsers.User asker = participant(EVIL_NAME);

        escalate(asker, "zqxj " + PAYLOAD);

        String ticket = textOf(ticketCard(team));
        assertInert(ticket);
        assertThat(ticket).contains("From Mal (Click me)(https∶//evil.example/name):");
    }

    @Test
    void aQuestionPromotedIntoTheFaqStaysPlainTextInTheCardEveryoneSees() {
        TestUsers.User team = member();
        String words = "zqxj rota portal " + UUID.randomUUID().toString().substring(0, 6);
        escalate(participant("Asking Ann"), "how do I " + PAYLOAD + " for the " + words);
        Map<String, Object> answer = data(actionData(ticketCard(team), "Send answer"));
        answer.put("answer", "Use the **rota portal** sign-in page.");
        press(team, answer);
        press(team, data(actionData(lastCard(team), "Add this to the FAQ")));
        TestUsers.User reader = participant("Reading Rob");

        say(reader, "how do I sign in to nhsmail login for the " + words);

        String card = textOf(lastCard(reader));
        assertThat(card).contains("Programme team answer to question #", "Use the **rota portal** sign-in page.");
        assertInert(card);
    }

    @Test
    void aTicketAnswerReachesTheAskerAsPlainText() {
        TestUsers.User team = member();
        TestUsers.User asker = participant("Asking Amy");
        escalate(asker, "zqxj question " + UUID.randomUUID());
        Map<String, Object> answer = data(actionData(ticketCard(team), "Send answer"));
        answer.put("answer", PAYLOAD);
        connector.reset();

        press(team, answer);
        deliverOutbox();

        assertInert(textOf(lastCard(asker)));
    }

    @Test
    void theFaqGapsListShowsAParticipantsQuestionAsPlainText() {
        TestUsers.User team = member();
        say(participant("Gap Gina"), "zqxj blorft " + PAYLOAD);
        connector.reset();

        say(team, "faq gaps");

        assertThat(last(team).text()).doesNotContain("](", "<at>", "<a ", "https://evil");
    }

    @Test
    void aMeetingSkipReasonAndTheParticipantsNameReachTheSponsorAsPlainText() {
        TestUsers.User participant = participant(EVIL_NAME);
        TestUsers.User sponsor = newUser("Sponsor Sue");
        long sponsorId = onRoster(sponsor, Role.SPONSOR, null);
        sponsors(sponsorId, personId(participant));
        say(participant, "meeting");
        Map<String, Object> skip = data(actionData(lastCard(participant), "Record no meeting"));
        skip.put("reason-" + skip.get("sponsorshipId"), PAYLOAD);
        press(participant, skip);
        connector.reset();
        deliverOutbox();
        String told = last(sponsor).text();

        say(sponsor, "meetings");

        assertInert(last(sponsor).text());
        assertThat(told).doesNotContain("](", "https://evil").startsWith("Mal (Click me)(https∶//evil.example/name) recorded");
    }

    @Test
    void aSharedReflectionReachesTheSponsorAsPlainText() {
        TestUsers.User participant = participant(EVIL_NAME);
        TestUsers.User sponsor = newUser("Sponsor Sam");
        long sponsorId = onRoster(sponsor, Role.SPONSOR, null);
        sponsors(sponsorId, personId(participant));
        say(participant, "log reflection");
        press(participant, reflection(lastCard(participant)));
        connector.reset();
        deliverOutbox();
        JsonNode notice = lastCard(sponsor);

        press(sponsor, actionData(notice, "Read it"));

        assertInert(textOf(notice));
        assertInert(textOf(lastCard(sponsor)));
        assertThat(textOf(notice)).doesNotContain("https://evil.example/name");
    }

    @Test
    void aTalentPreparationReachesTheSponsorAsPlainText() {
        TestUsers.User participant = participant(EVIL_NAME);
        long participantId = personId(participant);
        TestUsers.User sponsor = newUser("Sponsor Sid");
        long sponsorId = onRoster(sponsor, Role.SPONSOR, null);
        sponsors(sponsorId, participantId);
        press(participant, preparation(participantId));
        connector.reset();
        deliverOutbox();
        String told = last(sponsor).text();

        press(sponsor, Map.of("action", "talent.open", "participantId", String.valueOf(participantId)));

        String card = textOf(lastCard(sponsor));
        assertInert(card);
        assertThat(card).contains("Aspirations", "Development wishes", "Wellbeing check-in (shared with you)");
        assertThat(told).doesNotContain("](", "https://evil").startsWith("Mal (Click me)(https∶//evil.example/name) has prepared");
    }

    @Test
    void theProgrammeTeamsOwnAnnouncementKeepsItsMarkdown() {
        TestUsers.User team = member();
        Map<String, Object> compose = new HashMap<>(Map.of("action", "announce.preview", "title", "Launch event moved",
                "body", "It is now on **Tuesday**; see [the agenda](https://www.england.nhs.uk/).",
                "audience", "EMAILS", "emails", team.email()));
        connector.reset();

        press(team, compose);

        assertThat(textOf(connector.messagesTo(team.conversationId()).get(0).card()))
                .contains("It is now on **Tuesday**; see [the agenda](https://www.england.nhs.uk/).");
    }

    // ---- arranging

    private TestUsers.User member() {
        TestUsers.User team = newUser("Team Tess");
        onRoster(team, Role.PROGRAMME_TEAM, null);
        return team;
    }

    /** A participant whose roster name is {@code name}, which the programme team or an import may have typed. */
    private TestUsers.User participant(String name) {
        TestUsers.User user = newUser("Participant");
        long id = onRoster(user, Role.PARTICIPANT, null);
        Person p = people.findById(id).orElseThrow();
        people.update(new Person(p.id(), p.email(), name, p.role(), p.status(), p.timeZone(), p.aadObjectId(),
                p.organisation(), p.band(), p.cohortId(), p.statusReason(), p.statusSince(), p.statusUntil(),
                p.anonymisedAt(), p.createdAt(), p.updatedAt()));
        return user;
    }

    private long personId(TestUsers.User user) {
        return people.findByEmail(user.email()).orElseThrow().id();
    }

    private void escalate(TestUsers.User asker, String question) {
        say(asker, question);
        press(asker, actionData(lastCard(asker), "Ask the programme team"));
        deliverOutbox();
    }

    private JsonNode ticketCard(TestUsers.User team) {
        return connector.messagesTo(team.conversationId()).stream().map(FakeBotConnector.Call::card)
                .filter(Objects::nonNull).filter(c -> c.toString().contains("faq.ticket.answer"))
                .reduce((a, b) -> b).orElseThrow();
    }

    private static Map<String, Object> reflection(JsonNode card) {
        Map<String, Object> data = data(actionData(card, "Save"));
        data.put("title", PAYLOAD);
        data.put("experiencedOn", "2026-11-20");
        data.put("step_what", PAYLOAD);
        data.put("step_so_what", "People speak up more when I ask first.");
        data.put("step_now_what", "Ask before telling.");
        data.put("dimensions", "engaging_the_team");
        data.put("source", "experience");
        data.put("assignment", "");
        data.put("share", "true");
        return data;
    }

    private static Map<String, Object> preparation(long participantId) {
        Map<String, Object> v = new HashMap<>();
        v.put("action", "talent.prep.submit");
        v.put("participantId", String.valueOf(participantId));
        v.put("version", "0");
        v.put("wellbeing", PAYLOAD);
        v.put("wellbeingShared", "true");
        v.put("aspirations", PAYLOAD);
        v.put("growth", "STRETCH");
        v.put("performance", "HIGH");
        for (String i : INDICATORS) {
            v.put("rating_" + i, "DEVELOPING");
            v.put("evidence_" + i, PAYLOAD);
        }
        v.put("proposedBox", "HIGH_MEDIUM");
        v.put("developmentWishes", PAYLOAD);
        return v;
    }

    private static Map<String, Object> data(JsonNode buttonData) {
        Map<String, Object> data = new HashMap<>();
        buttonData.fields().forEachRemaining(f -> data.put(f.getKey(), f.getValue().asText()));
        return data;
    }
}
