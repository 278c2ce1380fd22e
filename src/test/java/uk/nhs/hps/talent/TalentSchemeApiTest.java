package uk.nhs.hps.talent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.admin.AdminApiTestBase;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The talent conversation's data as the programme team reads it, over HTTP with Entra tokens from the fake issuer. */
@MicronautTest(transactional = false)
class TalentSchemeApiTest extends AdminApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TalentIndicators indicators;

    @Test
    void theIndicatorsAreThoseOfTheYamlWithTheirAreasAndLevels() throws IOException {
        HttpResponse<String> response = get("/admin/api/scheme/indicators");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        List<String> names = new ArrayList<>();
        body.path("indicators").forEach(i -> names.add(i.path("name").asText()));
        assertThat(names).containsExactlyElementsOf(indicators.scheme().indicators().stream()
                .map(TalentIndicators.Indicator::name).toList());
        assertThat(body.path("indicators").path(2).path("areas")).hasSize(indicators.scheme().indicators().get(2).areas().size());
        assertThat(body.path("purpose").asText()).isEqualTo(indicators.scheme().purpose());
        assertThat(body.path("defaultLevel").path("reason").asText()).isEqualTo(indicators.scheme().defaultLevel().reason());
        assertThat(body.path("values")).hasSize(indicators.scheme().values().size());
    }

    @Test
    void onlyTheProgrammeTeamMayReadTheScheme() {
        String n = UUID.randomUUID().toString();
        TestUsers.User sponsor = new TestUsers.User("29:" + n, "aad-" + n, "Sid Sponsor", "sid-" + n + "@nhs.net");
        Instant now = Instant.now();
        people.save(new Person(null, sponsor.email(), sponsor.name(), Role.SPONSOR, PersonStatus.ACTIVE, "Europe/London",
                sponsor.aadObjectId(), null, null, null, null, null, null, null, now, now));

        assertThat(call("GET", "/admin/api/scheme/indicators", entra.token(sponsor), null, null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/admin/api/scheme/indicators", null, null, null).statusCode()).isEqualTo(401);
    }
}
