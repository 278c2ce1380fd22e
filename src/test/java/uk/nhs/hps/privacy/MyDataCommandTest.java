package uk.nhs.hps.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.audit.AuditEvent;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.BotTestBase;
import uk.nhs.hps.support.TestUsers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** "my data" in Teams gives the person a 15-minute link to everything held about them. */
@MicronautTest(transactional = false)
class MyDataCommandTest extends BotTestBase {

    @Inject
    PersonRepository people;
    @Inject
    AuditLog audit;

    @Test
    void personOnTheRosterGetsALinkToTheirOwnExport() throws Exception {
        Instant now = Instant.now();
        Person alice = people.save(new Person(null, TestUsers.ALICE.email(), TestUsers.ALICE.name(), Role.PARTICIPANT,
                PersonStatus.ACTIVE, "Europe/London", TestUsers.ALICE.aadObjectId(), null, null, null, null, null, null,
                null, now, now));
        send(Activities.message("hi").from(TestUsers.ALICE));
        connector.reset();

        send(Activities.message("my data").from(TestUsers.ALICE));

        String text = connector.messages().get(0).text();
        assertThat(text).contains("15 minutes");
        Matcher link = Pattern.compile("\\((http[^)]+)\\)").matcher(text);
        assertThat(link.find()).isTrue();
        String path = URI.create(link.group(1)).getPath();
        HttpResponse<String> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.getURL() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        JsonNode export = new ObjectMapper().readTree(download.body());
        assertThat(export.path("person").path("email").asText()).isEqualTo(TestUsers.ALICE.email());
        assertThat(export.path("records").path("teams_identity")).hasSize(1);
        assertThat(audit.about(alice.id())).extracting(AuditEvent::action).contains(AuditLog.EXPORT);
    }

    @Test
    void tamperedLinkIsNotFound() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/privacy/my-data/1.9999999999.AAAA")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void someoneNotOnTheRosterIsToldWhatLittleIsHeld() {
        send(Activities.message("my data").from(TestUsers.STRANGER));

        assertThat(connector.messages().get(connector.messages().size() - 1).text()).contains("not on the scheme roster");
    }
}
