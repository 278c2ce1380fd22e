package uk.nhs.hps.admin;

import com.auth0.jwt.JWT;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.access.ProgrammeTeamMember;
import uk.nhs.hps.audit.AuditEvent;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.CapturedLogs;
import uk.nhs.hps.support.FakeEntraIssuer;
import uk.nhs.hps.support.TestUsers;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API identifies a caller by tenant and object id; an address claim binds a member only once, while no
 * object id is bound (issue 10, section 4: the "nOAuth" pattern).
 */
@MicronautTest(transactional = false)
class AdminIdentityTest extends AdminApiTestBase {

    @Inject
    AuditLog audit;

    @Test
    void aTokenWithAnUnknownObjectIdAndABoundMembersAddressIsRefused() {
        TestUsers.User impostor = new TestUsers.User("29:impostor", "aad-impostor-" + UUID.randomUUID(), "Pat",
                " PAT.Programme@NHS.net");

        try (CapturedLogs logs = new CapturedLogs()) {
            HttpResponse<String> response = call("GET", "/admin/api/cohorts", entra.token(impostor), null, null);

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(logs.everything()).contains("bound to another object id")
                    .doesNotContainIgnoringCase(TestUsers.PAT.email()).doesNotContain(impostor.aadObjectId());
        }
        assertThat(audit.about(patId)).extracting(AuditEvent::action).contains(AuditLog.DENIED);
        assertThat(people.findById(patId).orElseThrow().aadObjectId()).isEqualTo(TestUsers.PAT.aadObjectId());
    }

    @Test
    void theBoundMemberIsStillLetInByObjectIdWhateverTheAddressClaim() {
        TestUsers.User patRenamed = new TestUsers.User(TestUsers.PAT.teamsId(), TestUsers.PAT.aadObjectId(), "Pat",
                "pat.new.name@nhs.net");

        assertThat(call("GET", "/admin/api/cohorts", entra.token(patRenamed), null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aMemberWithoutAnObjectIdIsBoundByAddressOnlyOnce() {
        TestUsers.User first = unboundMember("Nova Member");
        TestUsers.User second = new TestUsers.User("29:other", "aad-other-" + UUID.randomUUID(), first.name(), first.email());

        HttpResponse<String> byFirst = call("GET", "/admin/api/cohorts", entra.token(first), null, null);
        HttpResponse<String> bySecond = call("GET", "/admin/api/cohorts", entra.token(second), null, null);
        HttpResponse<String> byFirstAgain = call("GET", "/admin/api/cohorts", entra.token(first), null, null);

        assertThat(byFirst.statusCode()).isEqualTo(200);
        assertThat(bySecond.statusCode()).isEqualTo(403);
        assertThat(byFirstAgain.statusCode()).isEqualTo(200);
        assertThat(people.findByEmail(first.email()).orElseThrow().aadObjectId()).isEqualTo(first.aadObjectId());
    }

    @Test
    void anAddressDoesNotBindSomeoneWhoIsNotOnTheProgrammeTeam() {
        Instant now = Instant.now();
        String email = "participant." + UUID.randomUUID().toString().substring(0, 8) + "@nhs.net";
        Person participant = people.save(new Person(null, email, "Part Icipant", Role.PARTICIPANT, PersonStatus.ACTIVE,
                "Europe/London", null, null, null, null, null, null, null, null, now, now));
        TestUsers.User caller = new TestUsers.User("29:p", "aad-p-" + UUID.randomUUID(), "P", email);

        assertThat(call("GET", "/admin/api/cohorts", entra.token(caller), null, null).statusCode()).isEqualTo(403);
        assertThat(people.findById(participant.id()).orElseThrow().aadObjectId()).isNull();
    }

    @Test
    void aMembersObjectIdFromAnotherTenantIsRefused() {
        HttpResponse<String> response = call("GET", "/admin/api/cohorts",
                entra.sign(entra.claims(TestUsers.PAT).withClaim("tid", TestUsers.OTHER_TENANT)), null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("tenant");
    }

    @Test
    void aTokenWithoutATenantIsRefused() {
        HttpResponse<String> response = call("GET", "/admin/api/cohorts", entra.sign(claimsWithout("tid")), null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("no tid");
    }

    @Test
    void aTokenWithOnlyAnAddressAndNoObjectIdIsRefused() {
        HttpResponse<String> response = call("GET", "/admin/api/cohorts", entra.sign(claimsWithout("oid")), null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("no oid");
    }

    private TestUsers.User unboundMember(String name) {
        Instant now = Instant.now();
        String local = name.toLowerCase().replace(' ', '.') + "." + UUID.randomUUID().toString().substring(0, 8);
        Person person = people.save(new Person(null, local + "@nhs.net", name, Role.PROGRAMME_TEAM, PersonStatus.ACTIVE,
                "Europe/London", null, null, null, null, null, null, null, null, now, now));
        programmeTeam.save(new ProgrammeTeamMember(person.id(), now));
        return new TestUsers.User("29:" + local, "aad-" + local, name, local + "@nhs.net");
    }

    /** Pat's token claims with one claim left out. */
    private com.auth0.jwt.JWTCreator.Builder claimsWithout(String left) {
        Instant now = Instant.now();
        com.auth0.jwt.JWTCreator.Builder claims = JWT.create().withKeyId(FakeEntraIssuer.KEY_ID).withIssuer(entra.issuer())
                .withAudience(FakeEntraIssuer.AUDIENCE).withSubject("sub-pat")
                .withClaim("preferred_username", TestUsers.PAT.email())
                .withIssuedAt(Date.from(now.minusSeconds(60))).withExpiresAt(Date.from(now.plusSeconds(3600)));
        if (!left.equals("oid")) {
            claims.withClaim("oid", TestUsers.PAT.aadObjectId());
        }
        if (!left.equals("tid")) {
            claims.withClaim("tid", TestUsers.TENANT);
        }
        return claims;
    }
}
