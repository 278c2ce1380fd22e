package uk.nhs.hps.admin;

import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import uk.nhs.hps.access.ProgrammeTeamMember;
import uk.nhs.hps.access.ProgrammeTeamRepository;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.BotTestBase;
import uk.nhs.hps.support.FakeEntraIssuer;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Calls the admin API over real HTTP with tokens from a local fake Entra ID. PAT is on the programme team. */
public abstract class AdminApiTestBase extends BotTestBase implements TestPropertyProvider {

    protected final FakeEntraIssuer entra = FakeEntraIssuer.instance();
    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    protected PersonRepository people;
    @Inject
    protected ProgrammeTeamRepository programmeTeam;

    protected long patId;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("admin.auth.issuer", entra.issuer());
        p.put("admin.auth.audience", FakeEntraIssuer.AUDIENCE);
        p.put("admin.auth.dev-token", "dev-token-for-tests-only");
        p.put("admin.auth.tenant-id", TestUsers.TENANT);
        return p;
    }

    @BeforeAll
    void seedProgrammeTeam() {
        Instant now = Instant.now();
        Person pat = people.findByEmail(TestUsers.PAT.email()).orElseGet(() -> people.save(new Person(null,
                TestUsers.PAT.email(), TestUsers.PAT.name(), Role.PROGRAMME_TEAM, PersonStatus.ACTIVE, "Europe/London",
                TestUsers.PAT.aadObjectId(), null, null, null, null, null, null, null, now, now)));
        patId = pat.id();
        if (!programmeTeam.existsById(patId)) {
            programmeTeam.save(new ProgrammeTeamMember(patId, now));
        }
    }

    protected HttpResponse<String> call(String method, String path, String token, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> get(String path) {
        return call("GET", path, entra.token(TestUsers.PAT), null, null);
    }

    protected HttpResponse<String> send(String method, String path, String json) {
        return call(method, path, entra.token(TestUsers.PAT), "application/json", json);
    }
}
