package uk.nhs.hps.programmeteam;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.audit.AuditEvent;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.cohort.CohortCommands;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.RecordsTestBase;
import uk.nhs.hps.support.TestUsers;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HPS_BOOTSTRAP_PROGRAMME_TEAM on a fresh database: the people it names are programme-team members when the service
 * has started, once, audited; the first member then creates a cohort in the chat with {@code new cohort}.
 */
@MicronautTest(transactional = false)
class ProgrammeTeamBootstrapTest extends RecordsTestBase {

    static final TestUsers.User FIRST = new TestUsers.User("29:first", "aad-first", "Fran First", "fran.first@bootstrap.nhs.net");
    static final String OBJECT_ID_ONLY = "5b1f0f9e-0000-4000-8000-00000000ab01";

    @Inject
    BootstrappingProgrammeTeam bootstrapping;
    @Inject
    ManagingProgrammeTeam team;
    @Inject
    CohortRepository cohortRows;
    @Inject
    AuditLog audit;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("programme-team.bootstrap", " Fran.First@bootstrap.nhs.net , " + OBJECT_ID_ONLY + ", not an e-mail!");
    }

    @Test
    void anEmailNamedAtStartIsAProgrammeTeamMemberWithoutASponsor() {
        Person fran = people.findByEmail(FIRST.email()).orElseThrow();

        assertThat(programmeTeam.existsById(fran.id())).isTrue();
        assertThat(fran.role()).isEqualTo(Role.PROGRAMME_TEAM);
        assertThat(fran.isActive()).isTrue();
        assertThat(sponsorships.findByParticipantIdOrderByStartsOn(fran.id())).isEmpty();
    }

    @Test
    void anObjectIdNamedAtStartIsAMemberBoundToThatObjectId() {
        Person member = people.findByAadObjectId(OBJECT_ID_ONLY).orElseThrow();

        assertThat(programmeTeam.existsById(member.id())).isTrue();
        assertThat(member.email()).endsWith(".invalid");
    }

    @Test
    void theBootstrapIsAuditedOncePerPerson() {
        Person fran = people.findByEmail(FIRST.email()).orElseThrow();

        List<AuditEvent> events = audit.about(fran.id()).stream()
                .filter(e -> e.action().equals(BootstrappingProgrammeTeam.BOOTSTRAP)).toList();

        assertThat(events).singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("setting:HPS_BOOTSTRAP_PROGRAMME_TEAM"));
    }

    @Test
    void applyingItAgainChangesNothing() {
        Person fran = people.findByEmail(FIRST.email()).orElseThrow();
        int eventsBefore = audit.about(fran.id()).size();
        long peopleBefore = people.count();

        BootstrappingProgrammeTeam.Outcome outcome = bootstrapping.apply("fran.first@bootstrap.nhs.net");

        assertThat(outcome).isEqualTo(BootstrappingProgrammeTeam.Outcome.ALREADY_DONE);
        assertThat(audit.about(fran.id())).hasSize(eventsBefore);
        assertThat(people.count()).isEqualTo(peopleBefore);
    }

    @Test
    void aBootstrappedMemberTheTeamRemovedIsNotPutBack() {
        long removed = onRoster(newUser("Removed Member"), Role.PARTICIPANT, null);
        Person person = people.findById(removed).orElseThrow();
        bootstrapping.apply(person.email());
        team.remove(removed, "person:1");

        BootstrappingProgrammeTeam.Outcome again = bootstrapping.apply(person.email());

        assertThat(again).isEqualTo(BootstrappingProgrammeTeam.Outcome.ALREADY_DONE);
        assertThat(programmeTeam.existsById(removed)).isFalse();
    }

    @Test
    void aPersonAlreadyOnTheRosterIsAddedNotDuplicated() {
        TestUsers.User user = newUser("Roster Person");
        long id = onRoster(user, Role.SPONSOR, null);
        long peopleBefore = people.count();

        BootstrappingProgrammeTeam.Outcome outcome = bootstrapping.apply(user.email().toUpperCase());

        assertThat(outcome).isEqualTo(BootstrappingProgrammeTeam.Outcome.ADDED);
        assertThat(programmeTeam.existsById(id)).isTrue();
        assertThat(people.count()).isEqualTo(peopleBefore);
    }

    @Test
    void aPersonWhoHasLeftIsNotMadeAMember() {
        TestUsers.User user = newUser("Leaver");
        long id = onRoster(user, Role.PARTICIPANT, null);
        Person p = people.findById(id).orElseThrow();
        people.update(p.withStatus(PersonStatus.LEFT, "left", LocalDate.of(2026, 6, 1), null, p.updatedAt()));

        BootstrappingProgrammeTeam.Outcome outcome = bootstrapping.apply(user.email());

        assertThat(outcome).isEqualTo(BootstrappingProgrammeTeam.Outcome.NOT_ACTIVE);
        assertThat(programmeTeam.existsById(id)).isFalse();
    }

    @Test
    void anEntryThatIsNeitherAnEmailNorAnObjectIdIsRefused() {
        assertThat(bootstrapping.apply("not an e-mail!")).isEqualTo(BootstrappingProgrammeTeam.Outcome.INVALID);
    }

    @Test
    void theFirstMemberCreatesACohortInTheChat() {
        connector.knowsMember(FIRST.teamsId(), FIRST.name(), FIRST.email(), FIRST.aadObjectId());

        say(FIRST, "new cohort Cohort Bootstrap 2027 2027-09-01 30/8/2029");

        assertThat(last(FIRST).text()).startsWith("Created **Cohort Bootstrap 2027**").contains("1 September 2027 to 30 August 2029");
        Cohort cohort = cohortRows.findByNameKey(Cohort.key("Cohort Bootstrap 2027")).orElseThrow();
        assertThat(cohort.startsOn()).isEqualTo(LocalDate.of(2027, 9, 1));
        assertThat(cohort.endsOn()).isEqualTo(LocalDate.of(2029, 8, 30));
    }

    @Test
    void someoneNotOnTheProgrammeTeamCannotCreateACohort() {
        TestUsers.User sponsor = newUser("Not Team");
        onRoster(sponsor, Role.SPONSOR, null);
        long before = cohortRows.count();

        say(sponsor, "new cohort Sneaky 2027-09-01 2029-08-31");

        assertThat(last(sponsor).text()).isEqualTo("Only the programme team can see and create cohorts.");
        assertThat(cohortRows.count()).isEqualTo(before);
    }

    @Test
    void aCohortThatEndsBeforeItStartsIsRefusedWithTheReason() {
        TestUsers.User member = newUser("Team Member");
        onRoster(member, Role.PROGRAMME_TEAM, null);
        long before = cohortRows.count();

        say(member, "new cohort Backwards 2029-08-31 2027-09-01");

        assertThat(last(member).text()).contains("end date on or after it").contains("Nothing was created");
        assertThat(cohortRows.count()).isEqualTo(before);
    }

    @Test
    void unreadableDatesAreRefusedWithAnExample() {
        TestUsers.User member = newUser("Team Member");
        onRoster(member, Role.PROGRAMME_TEAM, null);

        say(member, "new cohort Someday soon 2029-02-30");

        assertThat(last(member).text()).contains("couldn't read the dates").contains("new cohort Cohort 2027 2027-09-01 2029-08-31");
    }

    @Test
    void aSecondCohortWithTheSameNameIsRefused() {
        TestUsers.User member = newUser("Team Member");
        onRoster(member, Role.PROGRAMME_TEAM, null);
        say(member, "new cohort Twice 2027-09-01 2029-08-31");

        say(member, "new cohort  twice  2028-09-01 2030-08-31");

        assertThat(last(member).text()).contains("already a cohort called Twice").contains("Nothing was created");
    }

    @Test
    void newCohortAloneExplainsHowToUseIt() {
        TestUsers.User member = newUser("Team Member");
        onRoster(member, Role.PROGRAMME_TEAM, null);

        say(member, "new cohort");

        assertThat(last(member).text()).isEqualTo(CohortCommands.USAGE);
    }

    @Test
    void cohortsListsTheCohortsWithTheirDates() {
        TestUsers.User member = newUser("Team Member");
        onRoster(member, Role.PROGRAMME_TEAM, null);
        say(member, "new cohort Listed 2027-09-01 2029-08-31");

        say(member, "cohorts");

        assertThat(last(member).text()).contains("- Listed (cohort").contains("1 September 2027 to 31 August 2029");
    }
}
