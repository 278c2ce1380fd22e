package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;
import uk.nhs.hps.support.TestUsers;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's People pages over HTTP: search, a person's page (audited), and confirmed, audited changes. */
@MicronautTest(transactional = false, environments = "dev")
class PeopleConsoleTest extends ConsoleTestBase {

    static final String COHORT = "Console People 2027";

    @Inject
    CohortRepository cohorts;
    @Inject
    SponsorshipRepository sponsorships;
    @Inject
    TransactionOperations<Connection> db;

    long cohortId;
    long firstSponsor;
    long secondSponsor;

    @BeforeAll
    void roster() {
        Instant now = Instant.now();
        cohortId = cohorts.save(new Cohort(null, COHORT, Cohort.key(COHORT), LocalDate.of(2027, 9, 1), LocalDate.of(2029, 8, 31),
                "Europe/London", 14, now, now)).id();
        firstSponsor = person("fran.first@nhs.net", "Fran First", Role.SPONSOR, null);
        secondSponsor = person("sol.second@nhs.net", "Sol Second", Role.SPONSOR, null);
    }

    @Test
    void searchFindsByNameWithinTheFiltersGiven() {
        person("quinn.searchable@nhs.net", "Quinn Searchable", Role.PARTICIPANT, cohortId);
        person("quinn.sponsor@nhs.net", "Quinn Sponsor", Role.SPONSOR, null);
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        String page = console.get("/console/people?q=quinn&role=PARTICIPANT&cohort=" + cohortId).body();

        assertThat(page).contains("Quinn Searchable", "1 person found.").doesNotContain("Quinn Sponsor");
    }

    @Test
    void aSearchThatMatchesNobodySaysSo() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        String page = console.get("/console/people?q=nobody-has-this-name").body();

        assertThat(page).contains("0 people found.", "Nobody matches.");
    }

    @Test
    void openingAPersonsPageIsAuditedAsAReadOfTheirProfile() {
        long ria = participantWithSponsor("ria.read@nhs.net", "Ria Read", firstSponsor);
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> page = console.get("/console/people/" + ria);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Ria Read", "Fran First", COHORT, "Cannot be reached", "Not linked to a Microsoft account");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'READ' AND actor = ? AND subject_person_id = ?"
                + " AND detail LIKE '%console: person''s page%'", "person:" + patId, ria)).isEqualTo(1);
    }

    @Test
    void changingTheSponsorAsksForConfirmationFirstAndChangesNothingUntilThen() {
        long sam = participantWithSponsor("sam.confirm@nhs.net", "Sam Confirm", firstSponsor);
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> asked = console.post("/console/people/" + sam + "/sponsor", "sponsorEmail=sol.second%40nhs.net");

        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("<h1>Change Sam Confirm&#39;s sponsor?</h1>", "Sol Second", "Yes, change the sponsor");
        assertThat(currentSponsor(sam)).isEqualTo(firstSponsor);
    }

    @Test
    void aConfirmedSponsorChangeIsWrittenAndAuditedOnceEvenWhenPostedTwice() {
        long tom = participantWithSponsor("tom.twice@nhs.net", "Tom Twice", firstSponsor);
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        String form = "sponsorEmail=sol.second%40nhs.net&startsOn=" + LocalDate.now() + "&reason=moved&confirm=yes";

        HttpResponse<String> first = console.post("/console/people/" + tom + "/sponsor", form);
        HttpResponse<String> second = console.post("/console/people/" + tom + "/sponsor", form);

        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(second.statusCode()).isEqualTo(303);
        assertThat(currentSponsor(tom)).isEqualTo(secondSponsor);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'SPONSOR_CHANGE' AND subject_person_id = ?", tom)).isEqualTo(1);
        assertThat(console.get(first.headers().firstValue("Location").orElseThrow()).body()).contains("The sponsor was changed.");
    }

    @Test
    void anUnknownSponsorIsShownAsAnErrorAndChangesNothing() {
        long una = participantWithSponsor("una.unknown@nhs.net", "Una Unknown", firstSponsor);
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> response = console.post("/console/people/" + una + "/sponsor", "sponsorEmail=nobody%40nhs.net&confirm=yes");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("There is a problem", "href=\"#sponsorEmail\"", "value=\"nobody@nhs.net\"");
        assertThat(currentSponsor(una)).isEqualTo(firstSponsor);
    }

    @Test
    void pausingForLeaveNeedsAReason() {
        long val = participantWithSponsor("val.leave@nhs.net", "Val Leave", firstSponsor);
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> response = console.post("/console/people/" + val + "/status", "status=PAUSED&reason=");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("Enter the kind of leave");
        assertThat(people.findById(val).orElseThrow().status()).isEqualTo(PersonStatus.ACTIVE);
    }

    @Test
    void aConfirmedPauseIsRecordedAndAuditedOnceEvenWhenPostedTwice() {
        long wes = participantWithSponsor("wes.pause@nhs.net", "Wes Pause", firstSponsor);
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        String form = "status=PAUSED&reason=maternity+leave&since=2027-01-04&until=2027-10-01&confirm=yes";

        console.post("/console/people/" + wes + "/status", form);
        console.post("/console/people/" + wes + "/status", form);

        Person paused = people.findById(wes).orElseThrow();
        assertThat(paused.status()).isEqualTo(PersonStatus.PAUSED);
        assertThat(paused.statusReason()).isEqualTo("maternity leave");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'STATUS_CHANGE' AND subject_person_id = ?", wes)).isEqualTo(1);
    }

    @Test
    void markingAsLeftIsConfirmedThenRecorded() {
        long xan = participantWithSponsor("xan.left@nhs.net", "Xan Left", firstSponsor);
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> asked = console.post("/console/people/" + xan + "/status", "status=LEFT&reason=new+job");
        HttpResponse<String> done = console.post("/console/people/" + xan + "/status", "status=LEFT&reason=new+job&since=" + LocalDate.now() + "&confirm=yes");

        assertThat(asked.body()).contains("Mark Xan Left as having left the scheme?");
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(people.findById(xan).orElseThrow().status()).isEqualTo(PersonStatus.LEFT);
    }

    @Test
    void settingTheStreamIsRecordedAndAudited() {
        long yas = participantWithSponsor("yas.stream@nhs.net", "Yas Stream", firstSponsor);
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> done = console.post("/console/people/" + yas + "/stream", "stream=2&confirm=yes");

        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'STREAM_CHANGE' AND subject_person_id = ?", yas)).isEqualTo(1);
        assertThat(console.get("/console/people/" + yas).body()).contains("stream 2");
    }

    @Test
    void addingAPersonWritesThemOnceWithTheirSponsorAndAuditsTheImport() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        String form = "name=Zoe+Added&email=zoe.added%40nhs.net&cohort=" + cohortId + "&sponsorEmail=fran.first%40nhs.net&stream=1&confirm=yes";

        HttpResponse<String> first = console.post("/console/people/new", form);
        HttpResponse<String> second = console.post("/console/people/new", form);

        Person zoe = people.findByEmail("zoe.added@nhs.net").orElseThrow();
        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(second.headers().firstValue("Location")).hasValue("/console/people/" + zoe.id() + "?done=exists");
        assertThat(currentSponsor(zoe.id())).isEqualTo(firstSponsor);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'ROSTER_IMPORT' AND detail LIKE '%console: add a person%'")).isEqualTo(1);
    }

    @Test
    void addingAPersonWithMissingFieldsShowsEachProblemAndKeepsWhatWasTyped() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> response = console.post("/console/people/new", "name=Half+Typed&email=half&cohort=&sponsorEmail=");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("href=\"#email\"", "href=\"#cohort\"", "href=\"#sponsorEmail\"", "value=\"Half Typed\"");
        assertThat(people.findByEmail("half")).isEmpty();
    }

    @Test
    void aChangePostedWithoutTheCsrfTokenIsRefused() {
        long abe = participantWithSponsor("abe.forged@nhs.net", "Abe Forged", firstSponsor);
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> response = console.post("/console/people/" + abe + "/status", "status=LEFT&reason=x&confirm=yes&_csrf=forged");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(people.findById(abe).orElseThrow().status()).isEqualTo(PersonStatus.ACTIVE);
    }

    @Test
    void someoneNotOnTheProgrammeTeamCannotOpenAPersonsPage() {
        long ria = participantWithSponsor("ria.refused@nhs.net", "Ria Refused", firstSponsor);
        long nick = member(new TestUsers.User("29:nick", "aad-nick", "Nick Nonmember", "nick.nonmember@nhs.net"));
        ConsoleHttp console = new ConsoleHttp(base()).signIn(nick);
        programmeTeam.deleteById(nick);

        HttpResponse<String> response = console.get("/console/people/" + ria);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("ria.refused@nhs.net");
    }

    private long person(String email, String name, Role role, Long cohort) {
        Instant now = Instant.now();
        return people.findByEmail(email).orElseGet(() -> people.save(new Person(null, email, name, role, PersonStatus.ACTIVE,
                "Europe/London", null, "Leeds Teaching Hospitals", "8a", null, cohort, null, null, null, null, now, now))).id();
    }

    private long participantWithSponsor(String email, String name, long sponsor) {
        long id = person(email, name, Role.PARTICIPANT, cohortId);
        sponsorships.save(new Sponsorship(null, id, sponsor, LocalDate.now().minusMonths(3), null, Instant.now()));
        return id;
    }

    private long currentSponsor(long participant) {
        return sponsorships.findByParticipantIdOrderByStartsOn(participant).stream().filter(Sponsorship::isCurrent)
                .findFirst().orElseThrow().sponsorId();
    }

    private long count(String sql, Object... parameters) {
        return db.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
