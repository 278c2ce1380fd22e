package uk.nhs.hps.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.access.ProgrammeTeamMember;
import uk.nhs.hps.broadcast.HoldingAnnouncements;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.TestClock;
import uk.nhs.hps.support.TestUsers;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Announcements pages for an announcement held because its author left the programme team before it came due:
 * the list and its page say so and why; a current member sends it after confirming, once.
 */
@MicronautTest(transactional = false, environments = "dev")
class HeldAnnouncementConsoleTest extends AnnouncementsConsoleTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestClock clock;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(super.extraProperties());
        p.put("hps.test.clock", "manual");
        return p;
    }

    @Test
    void aHeldAnnouncementSaysWhyAndACurrentMemberSendsItOnceAfterConfirming() throws Exception {
        long id = heldAnnouncement();
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        String list = console.get("/console/announcements").body();
        String page = console.get("/console/announcements/" + id).body();
        String confirm = console.get("/console/announcements/" + id + "/release").body();
        HttpResponse<String> first = console.post("/console/announcements/" + id + "/release", "");
        HttpResponse<String> second = console.post("/console/announcements/" + id + "/release", "");
        deliverOutbox();

        assertThat(list).contains("Held");
        assertThat(page).contains("data-testid=\"held\"", HoldingAnnouncements.HELD_REASON, "Send it now");
        assertThat(confirm).contains("Send this held announcement now?");
        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(first.headers().firstValue("Location").orElseThrow()).contains("done=release&n=3");
        assertThat(second.statusCode()).isNotEqualTo(303);
        for (Person member : members) {
            String key = member.email().substring(0, member.email().indexOf('@'));
            assertThat(connector.messagesTo("a:chat-" + key)).hasSize(1);
        }
    }

    /** Scheduled by Rae for 09:00 tomorrow; Rae leaves the programme team; it comes due and the dispatch pass holds it. */
    private long heldAnnouncement() throws Exception {
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        String key = UUID.randomUUID().toString().substring(0, 8);
        TestUsers.User rae = new TestUsers.User("29:rae-" + key, "aad-rae-" + key, "Rae Leaving", "rae-" + key + "@nhs.net");
        Instant now = Instant.now();
        long raeId = people.save(new Person(null, rae.email(), rae.name(), Role.PROGRAMME_TEAM, PersonStatus.ACTIVE,
                "Europe/London", rae.aadObjectId(), null, null, null, null, null, null, null, null, now, now)).id();
        programmeTeam.save(new ProgrammeTeamMember(raeId, now));
        String token = entra.token(rae);
        HttpResponse<String> created = call("POST", "/admin/api/announcements", token, "application/json", JSON.writeValueAsString(Map.of(
                "title", "Workshop reminder", "body", "The workshop is tomorrow.", "askAcknowledgement", false,
                "audience", Map.of("kind", "COHORTS", "cohortIds", List.of(cohort.id())))));
        long id = JSON.readTree(created.body()).path("id").asLong();
        HttpResponse<String> scheduled = call("POST", "/admin/api/announcements/" + id + "/send", token, "application/json",
                "{\"sendAt\":\"2026-12-02T09:00\"}");
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
        programmeTeam.deleteById(raeId);
        clock.set(Instant.parse("2026-12-02T09:01:00Z"));
        deliverOutbox();
        assertThat(connector.delivered()).isEmpty();
        return id;
    }
}
