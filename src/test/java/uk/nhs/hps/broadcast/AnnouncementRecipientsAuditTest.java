package uk.nhs.hps.broadcast;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.audit.AuditEvent;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.cohort.ManagingCohorts;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.admin.AdminApiTestBase;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An announcement's recipient list (names, e-mails, delivery) is a read of each recipient's data: only the programme
 * team may read it, and each read is in the audit log against the person read, as the people API's reads are.
 */
@MicronautTest(transactional = false)
class AnnouncementRecipientsAuditTest extends AdminApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ManagingCohorts cohorts;
    @Inject
    AuditLog audit;

    private Person recipient;
    private long announcementId;

    @BeforeEach
    void anAnnouncementSentToOneParticipant() throws IOException {
        Instant now = Instant.now();
        String key = UUID.randomUUID().toString().substring(0, 8);
        Cohort cohort = cohorts.create(new ManagingCohorts.CohortDetails("Audit " + key, LocalDate.of(2026, 4, 1), LocalDate.of(2028, 3, 31), null, null));
        recipient = people.save(new Person(null, "read-" + key + "@nhs.net", "Read Recipient", Role.PARTICIPANT, PersonStatus.ACTIVE,
                "Europe/London", null, null, null, null, cohort.id(), null, null, null, null, now, now));
        HttpResponse<String> created = send("POST", "/admin/api/announcements", JSON.writeValueAsString(Map.of(
                "title", "Audit", "body", "Text.", "askAcknowledgement", false,
                "audience", Map.of("kind", "COHORTS", "cohortIds", List.of(cohort.id())))));
        announcementId = JSON.readTree(created.body()).path("id").asLong();
        send("POST", "/admin/api/announcements/" + announcementId + "/send", "{}");
    }

    @Test
    void readingTheRecipientListIsAuditedAgainstEachRecipient() {
        long before = readsOfTheRecipient();

        HttpResponse<String> list = get("/admin/api/announcements/" + announcementId + "/recipients");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(recipient.email());
        assertThat(readsOfTheRecipient()).isEqualTo(before + 1);
    }

    @Test
    void downloadingTheRecipientsCsvIsAuditedAgainstEachRecipient() {
        long before = readsOfTheRecipient();

        HttpResponse<String> csv = get("/admin/api/announcements/" + announcementId + "/recipients.csv");

        assertThat(csv.body()).contains(recipient.email());
        assertThat(readsOfTheRecipient()).isEqualTo(before + 1);
    }

    @Test
    void someoneOffTheProgrammeTeamCannotReadTheRecipients() {
        TestUsers.User outsider = new TestUsers.User("29:out", "aad-out-" + UUID.randomUUID(), "Out Sider", "out." + UUID.randomUUID() + "@nhs.net");
        Instant now = Instant.now();
        people.save(new Person(null, outsider.email(), outsider.name(), Role.SPONSOR, PersonStatus.ACTIVE, "Europe/London",
                outsider.aadObjectId(), null, null, null, null, null, null, null, null, now, now));
        long before = readsOfTheRecipient();

        HttpResponse<String> refused = call("GET", "/admin/api/announcements/" + announcementId + "/recipients",
                entra.token(outsider), null, null);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain(recipient.email());
        assertThat(readsOfTheRecipient()).isEqualTo(before);
    }

    private long readsOfTheRecipient() {
        return audit.about(recipient.id()).stream().map(AuditEvent::action).filter(AuditLog.READ::equals).count();
    }
}
