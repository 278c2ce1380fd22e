package uk.nhs.hps.broadcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.access.ProgrammeTeamMember;
import uk.nhs.hps.cohort.ManagingCohorts;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.TeamsIdentity;
import uk.nhs.hps.people.TeamsIdentityRepository;
import uk.nhs.hps.admin.AdminApiTestBase;
import uk.nhs.hps.support.TestClock;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduled announcement whose author has left the programme team by the time it comes due is held, not sent: the
 * admin API says so and why; a current member sends it (once) or cancels it. Delivered through the fake connector by
 * the ordinary dispatch pass, with the clock moved by hand.
 */
@MicronautTest(transactional = false)
class HeldAnnouncementTest extends AdminApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestClock clock;
    @Inject
    ManagingCohorts cohorts;
    @Inject
    TeamsIdentityRepository identities;

    private Cohort cohort;
    private String recipientChat;
    private TestUsers.User author;
    private long authorId;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(super.extraProperties());
        p.put("hps.test.clock", "manual");
        return p;
    }

    @BeforeEach
    void anAuthorOnTheProgrammeTeamAndOneReachableParticipant() {
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        String key = UUID.randomUUID().toString().substring(0, 8);
        cohort = cohorts.create(new ManagingCohorts.CohortDetails("Held " + key, LocalDate.of(2026, 4, 1), LocalDate.of(2028, 3, 31), null, null));
        author = new TestUsers.User("29:rae-" + key, "aad-rae-" + key, "Rae Leaving", "rae.leaving-" + key + "@nhs.net");
        authorId = people.save(new Person(null, author.email(), author.name(), Role.PROGRAMME_TEAM, PersonStatus.ACTIVE,
                "Europe/London", author.aadObjectId(), null, null, null, null, null, null, null, clock.instant(), clock.instant())).id();
        programmeTeam.save(new ProgrammeTeamMember(authorId, clock.instant()));
        Person participant = people.save(new Person(null, "held-" + key + "@nhs.net", "Held Participant", Role.PARTICIPANT,
                PersonStatus.ACTIVE, "Europe/London", "aad-held-" + key, null, null, null, cohort.id(), null, null, null, null,
                clock.instant(), clock.instant()));
        recipientChat = "a:chat-held-" + key;
        identities.save(new TeamsIdentity(null, "29:held-" + key, "aad-held-" + key, TestUsers.TENANT, "Held Participant",
                participant.email(), participant.id(), connector.serviceUrl(), recipientChat, "{}", clock.instant(), clock.instant()));
    }

    @Test
    void aScheduledAnnouncementWhoseAuthorLeftTheProgrammeTeamIsHeldWhenDue() throws IOException {
        long id = scheduledByTheAuthor();
        programmeTeam.deleteById(authorId);

        clock.set(Instant.parse("2026-12-02T09:01:00Z"));
        deliverOutbox();

        assertThat(connector.messagesTo(recipientChat)).isEmpty();
        JsonNode listed = listed(id);
        assertThat(listed.path("status").asText()).isEqualTo("HELD");
        assertThat(listed.path("note").asText()).contains("no longer on the programme team");
        assertThat(JSON.readTree(get("/admin/api/announcements/" + id + "/status").body()).path("pending").asInt()).isEqualTo(1);
    }

    @Test
    void aScheduledAnnouncementWhoseAuthorIsStillOnTheTeamGoesWhenDue() throws IOException {
        long id = scheduledByTheAuthor();

        clock.set(Instant.parse("2026-12-02T09:01:00Z"));
        deliverOutbox();

        assertThat(connector.messagesTo(recipientChat)).hasSize(1);
        assertThat(listed(id).path("status").asText()).isEqualTo("SCHEDULED");
    }

    @Test
    void aCurrentMemberSendsAHeldAnnouncementOnce() throws IOException {
        long id = heldAnnouncement();

        HttpResponse<String> first = send("POST", "/admin/api/announcements/" + id + "/send-held", null);
        HttpResponse<String> second = send("POST", "/admin/api/announcements/" + id + "/send-held", null);
        deliverOutbox();

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("released").asInt()).isEqualTo(1);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(connector.messagesTo(recipientChat)).hasSize(1);
        assertThat(listed(id).path("status").asText()).isEqualTo("SENT");
    }

    @Test
    void aCurrentMemberCancelsAHeldAnnouncementAndNothingGoes() throws IOException {
        long id = heldAnnouncement();

        HttpResponse<String> cancelled = send("POST", "/admin/api/announcements/" + id + "/cancel", null);
        deliverOutbox();

        assertThat(JSON.readTree(cancelled.body()).path("cancelled").asInt()).isEqualTo(1);
        assertThat(connector.messagesTo(recipientChat)).isEmpty();
        assertThat(listed(id).path("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void someoneNoLongerOnTheTeamCannotSendAHeldAnnouncement() throws IOException {
        long id = heldAnnouncement();

        HttpResponse<String> refused = call("POST", "/admin/api/announcements/" + id + "/send-held", entra.token(author), "application/json", null);
        deliverOutbox();

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(connector.messagesTo(recipientChat)).isEmpty();
    }

    /** Scheduled by the author for 09:00 UK time tomorrow, to the one participant's cohort. */
    private long scheduledByTheAuthor() throws IOException {
        String token = entra.token(author);
        HttpResponse<String> created = call("POST", "/admin/api/announcements", token, "application/json", JSON.writeValueAsString(Map.of(
                "title", "Workshop reminder", "body", "The workshop is tomorrow.", "askAcknowledgement", false,
                "audience", Map.of("kind", "COHORTS", "cohortIds", List.of(cohort.id())))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = JSON.readTree(created.body()).path("id").asLong();
        HttpResponse<String> scheduled = call("POST", "/admin/api/announcements/" + id + "/send", token, "application/json",
                "{\"sendAt\":\"2026-12-02T09:00\"}");
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
        return id;
    }

    private long heldAnnouncement() throws IOException {
        long id = scheduledByTheAuthor();
        programmeTeam.deleteById(authorId);
        clock.set(Instant.parse("2026-12-02T09:01:00Z"));
        deliverOutbox();
        assertThat(listed(id).path("status").asText()).isEqualTo("HELD");
        return id;
    }

    private JsonNode listed(long id) throws IOException {
        for (JsonNode a : JSON.readTree(get("/admin/api/announcements").body())) {
            if (a.path("id").asLong() == id) {
                return a;
            }
        }
        throw new AssertionError("announcement " + id + " not listed");
    }
}
