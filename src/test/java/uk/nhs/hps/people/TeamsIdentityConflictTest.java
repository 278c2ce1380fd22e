package uk.nhs.hps.people;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.audit.AuditEvent;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.support.FakeBotConnector;
import uk.nhs.hps.support.RecordsTestBase;
import uk.nhs.hps.support.TestUsers;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second Teams account whose profile e-mail matches a roster person already bound to another AAD object id
 * is never linked to them: it stays unknown, and the programme team is told once (issue 10, section 4).
 */
@MicronautTest(transactional = false)
class TeamsIdentityConflictTest extends RecordsTestBase {

    @Inject
    TeamsIdentityRepository identities;
    @Inject
    AuditLog audit;

    @Test
    void aSecondAccountWithABoundParticipantsEmailIsTreatedAsUnknown() {
        TestUsers.User alice = newUser("Alice Bound");
        onRoster(alice, Role.PARTICIPANT, cohort().id());
        TestUsers.User mallory = impostorOf(alice);

        say(mallory, "my reflections");

        assertThat(last(mallory).text()).contains("for people on the High Potential Scheme");
        assertThat(identities.findByTeamsUserId(mallory.teamsId()).orElseThrow().personId()).isNull();
        assertThat(people.findByEmail(alice.email()).orElseThrow().aadObjectId()).isEqualTo(alice.aadObjectId());
    }

    @Test
    void theConflictIsAuditedAndTheProgrammeTeamIsToldOnce() {
        TestUsers.User pat = newUser("Pat Team");
        onRoster(pat, Role.PROGRAMME_TEAM, null);
        TestUsers.User alice = newUser("Alice Twice");
        long aliceId = onRoster(alice, Role.PARTICIPANT, cohort().id());
        TestUsers.User mallory = impostorOf(alice);

        say(mallory, "my reflections");
        say(mallory, "my data");
        deliverOutbox();

        List<FakeBotConnector.Call> toPat = connector.messagesTo(pat.conversationId());
        assertThat(toPat).extracting(FakeBotConnector.Call::text).filteredOn(t -> t.contains("Identity check needed"))
                .hasSize(1).allMatch(t -> t.contains("Alice Twice") && !t.contains(mallory.aadObjectId()));
        assertThat(audit.about(aliceId)).extracting(AuditEvent::action)
                .containsOnlyOnce(RecordingTeamsContact.IDENTITY_CONFLICT);
        assertThat(connector.messagesTo(alice.conversationId())).isEmpty();
    }

    @Test
    void theBoundPersonKeepsTheirAccess() {
        TestUsers.User alice = newUser("Alice Kept");
        onRoster(alice, Role.PARTICIPANT, cohort().id());
        say(impostorOf(alice), "hi");

        say(alice, "my reflections");

        assertThat(last(alice).text() + String.valueOf(last(alice).card())).doesNotContain("for people on the High Potential Scheme");
    }

    @Test
    void aPersonWithNoObjectIdYetIsBoundByEmailOnce() {
        TestUsers.User carol = newUser("Carol Unbound");
        java.time.Instant now = java.time.Instant.now();
        Person person = people.save(new Person(null, carol.email(), carol.name(), Role.PARTICIPANT, PersonStatus.ACTIVE,
                "Europe/London", null, null, null, cohort().id(), null, null, null, null, now, now));
        TestUsers.User withHerEmail = new TestUsers.User(carol.teamsId(), carol.aadObjectId(), carol.name(), carol.email());
        connector.knowsMember(withHerEmail.teamsId(), carol.name(), carol.email(), carol.aadObjectId());

        say(withHerEmail, "hi");
        say(impostorOf(carol), "hi");

        assertThat(people.findById(person.id()).orElseThrow().aadObjectId()).isEqualTo(carol.aadObjectId());
        assertThat(identities.findByTeamsUserId(carol.teamsId()).orElseThrow().personId()).isEqualTo(person.id());
    }

    /** Another Teams account whose profile e-mail Teams reports as the person's. */
    private TestUsers.User impostorOf(TestUsers.User victim) {
        TestUsers.User other = newUser("Mallory Other");
        connector.knowsMember(other.teamsId(), other.name(), victim.email(), other.aadObjectId());
        return other;
    }
}
