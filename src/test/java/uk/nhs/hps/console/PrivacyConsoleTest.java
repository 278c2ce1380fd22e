package uk.nhs.hps.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** The console's privacy pages over HTTP: the subject access download and erasure with a typed confirmation. */
@MicronautTest(transactional = false, environments = "dev")
class PrivacyConsoleTest extends ConsoleTestBase {

    static final String COHORT = "Console Privacy 2027";

    @Inject
    CohortRepository cohorts;
    @Inject
    SponsorshipRepository sponsorships;
    @Inject
    TransactionOperations<Connection> db;

    long cohortId;
    long sponsor;

    @BeforeAll
    void roster() {
        Instant now = Instant.now();
        cohortId = cohorts.findByNameKey(Cohort.key(COHORT)).map(Cohort::id).orElseGet(() -> cohorts.save(new Cohort(null, COHORT, Cohort.key(COHORT), LocalDate.of(2027, 9, 1), LocalDate.of(2029, 8, 31),
                "Europe/London", 14, now, now)).id());
        sponsor = person("pia.sponsor@nhs.net", "Pia Sponsor", Role.SPONSOR);
    }

    @Test
    void theDownloadIsTheAdminApisExportAndIsAuditedAsTheApisIs() throws Exception {
        long dee = participant("dee.download@nhs.net", "Dee Download");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> download = console.post("/console/privacy/people/" + dee + "/export", "why=SAR+received");

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"person-" + dee + ".json\"");
        assertThat(download.headers().firstValue("Cache-Control")).hasValue("no-store");
        ObjectMapper json = new ObjectMapper();
        ObjectNode fromConsole = (ObjectNode) json.readTree(download.body());
        ObjectNode fromApi = (ObjectNode) json.readTree(get("/admin/api/people/" + dee + "/export").body());
        // the two differ only in when they were made and in the audit lines each download adds
        for (ObjectNode export : new ObjectNode[] {fromConsole, fromApi}) {
            export.remove("generatedAt");
            ((ObjectNode) export.path("records")).remove("audit_event");
        }
        assertThat(fromConsole).isEqualTo(fromApi);
        assertThat(fromConsole.path("person").path("email").asText()).isEqualTo("dee.download@nhs.net");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE actor = ? AND subject_person_id = ? AND action = 'READ'"
                + " AND detail = 'EXPORT_PERSONAL_DATA: SAR received'", "person:" + patId, dee)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE actor = ? AND subject_person_id = ? AND action = 'SUBJECT_ACCESS_EXPORT'"
                + " AND detail = 'SAR received'", "person:" + patId, dee)).isEqualTo(1);
    }

    @Test
    void aPersonsPageLinksToTheirPrivacyPage() {
        long lou = participant("lou.link@nhs.net", "Lou Link");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        String page = console.get("/console/people/" + lou).body();

        assertThat(page).contains("href=\"/console/privacy/people/" + lou + "\"", "Download or erase their personal data");
    }

    @Test
    void anUnknownPersonIsAClearNotFoundPage() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> response = console.post("/console/privacy/people/987654321/export", "");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("There is no person 987654321.");
    }

    @Test
    void theErasurePageShowsWhatWillBeRemovedAndChangesNothing() {
        long eve = participant("eve.preview@nhs.net", "Eve Preview");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> page = console.get("/console/privacy/people/" + eve + "/erase");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Erase Eve Preview?", "eve.preview@nhs.net", "To confirm, type their name: Eve Preview",
                "<th scope=\"row\">person</th>").doesNotContain("<th scope=\"row\">sponsorship</th>");
        assertThat(people.findById(eve).orElseThrow().anonymisedAt()).isNull();
    }

    @Test
    void aWrongNameChangesNothingAndSaysWhy() {
        long wyn = participant("wyn.wrong@nhs.net", "Wyn Wrong");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> response = console.post("/console/privacy/people/" + wyn + "/erase", "confirmName=wyn+wrong&reason=asked");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("There is a problem", "href=\"#confirmName\"", "The name typed does not match",
                "value=\"wyn wrong\"", "value=\"asked\"");
        assertThat(people.findById(wyn).orElseThrow().displayName()).isEqualTo("Wyn Wrong");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'ERASURE' AND subject_person_id = ?", wyn)).isZero();
    }

    @Test
    void anErasureWithoutAReasonChangesNothing() {
        long rex = participant("rex.reason@nhs.net", "Rex Reason");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> response = console.post("/console/privacy/people/" + rex + "/erase", "confirmName=Rex+Reason&reason=");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("href=\"#reason\"", "Enter why they are being erased");
        assertThat(people.findById(rex).orElseThrow().anonymisedAt()).isNull();
    }

    @Test
    void aConfirmedErasureShowsTheReportAndASecondPostErasesNothingMore() {
        long ida = participant("ida.erased@nhs.net", "Ida Erased");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        String form = "confirmName=+Ida+Erased+&reason=erasure+request+by+e-mail";

        HttpResponse<String> first = console.post("/console/privacy/people/" + ida + "/erase", form);
        HttpResponse<String> second = console.post("/console/privacy/people/" + ida + "/erase", form);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("Ida Erased was erased", "data-testid=\"erasure-report\"", "<th scope=\"row\">person</th>");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("Already erased", "so nothing more was done");
        Person erased = people.findById(ida).orElseThrow();
        assertThat(erased.anonymisedAt()).isNotNull();
        assertThat(erased.email()).isEqualTo("erased-" + ida + "@erased.invalid");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'ERASURE' AND actor = ? AND subject_person_id = ?"
                + " AND detail = 'erasure request by e-mail'", "person:" + patId, ida)).isEqualTo(1);
    }

    @Test
    void anErasedPersonIsGoneFromSearchAndTheirPageSaysTheyWereErased() {
        long gus = participant("gus.gone@nhs.net", "Gus Gone");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        console.post("/console/privacy/people/" + gus + "/erase", "confirmName=Gus+Gone&reason=asked");

        String search = console.get("/console/people?q=gus").body();
        HttpResponse<String> page = console.get("/console/people/" + gus);

        assertThat(search).contains("0 people found.").doesNotContain("Gus Gone");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("This person was erased on").doesNotContain("gus.gone@nhs.net");
    }

    @Test
    void anErasedPersonIsNotNamedByTheCohortOverviewsKeptFigures() {
        Instant now = Instant.now();
        long cohort = cohorts.save(new Cohort(null, "Overview Erasure", Cohort.key("Overview Erasure"), LocalDate.of(2027, 9, 1),
                LocalDate.of(2029, 8, 31), "Europe/London", 14, now, now)).id();
        long una = people.save(new Person(null, "una.unreachable@nhs.net", "Una Unreachable", Role.PARTICIPANT, PersonStatus.ACTIVE,
                "Europe/London", null, null, null, null, cohort, null, null, null, null, now, now)).id();
        sponsorships.save(new Sponsorship(null, una, sponsor, LocalDate.now().minusMonths(3), null, now));
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        // read, so the overview keeps the cohort's figures naming her for a minute
        assertThat(console.get("/console?cohort=" + cohort).body()).contains("Una Unreachable");

        console.post("/console/privacy/people/" + una + "/erase", "confirmName=Una+Unreachable&reason=asked");

        assertThat(console.get("/console?cohort=" + cohort).body()).doesNotContain("Una Unreachable");
    }

    @Test
    void anErasurePostedWithoutTheCsrfTokenIsRefused() {
        long fay = participant("fay.forged@nhs.net", "Fay Forged");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> response = console.post("/console/privacy/people/" + fay + "/erase",
                "confirmName=Fay+Forged&reason=x&_csrf=forged");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(people.findById(fay).orElseThrow().anonymisedAt()).isNull();
    }

    @Test
    void someoneNotOnTheProgrammeTeamCannotDownloadAPersonsData() {
        long ned = participant("ned.notyours@nhs.net", "Ned Notyours");
        long nick = member(new TestUsers.User("29:nick-privacy", "aad-nick-privacy", "Nick Privacy", "nick.privacy@nhs.net"));
        ConsoleHttp console = new ConsoleHttp(base()).signIn(nick);
        programmeTeam.deleteById(nick);

        HttpResponse<String> response = console.post("/console/privacy/people/" + ned + "/export", "");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("ned.notyours@nhs.net");
    }

    @Test
    void thePrivacyPageSaysHowLongDataIsKept() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        String page = console.get("/console/privacy").body();

        assertThat(page).contains("anonymised 2 years after the cohort ends", "works for 15 minutes", COHORT, "1 September 2031");
    }

    private long person(String email, String name, Role role) {
        Instant now = Instant.now();
        return people.findByEmail(email).orElseGet(() -> people.save(new Person(null, email, name, role, PersonStatus.ACTIVE,
                "Europe/London", null, "Leeds Teaching Hospitals", "8a", null, role == Role.PARTICIPANT ? cohortId : null,
                null, null, null, null, now, now))).id();
    }

    private long participant(String email, String name) {
        long id = person(email, name, Role.PARTICIPANT);
        sponsorships.save(new Sponsorship(null, id, sponsor, LocalDate.now().minusMonths(3), null, Instant.now()));
        return id;
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
