package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.TestUsers;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's audit log over HTTP: filters (UK dates), paging, the CSV of the filtered lines, and who may read it. */
@MicronautTest(transactional = false, environments = "dev")
class AuditLogConsoleTest extends ConsoleTestBase {

    @Inject
    TransactionOperations<Connection> db;

    @Test
    void filtersByWhoActedWhatAndWhoseData() {
        long ann = person("ann.actor@nhs.net", "Ann Actor");
        long sue = person("sue.subject@nhs.net", "Sue Subject");
        long tim = person("tim.other@nhs.net", "Tim Other");
        event("2027-03-01T10:00:00Z", "person:" + ann, "READ", sue, "VIEW_PROFILE: looked at Sue");
        event("2027-03-01T10:05:00Z", "person:" + ann, "READ", tim, "VIEW_PROFILE: looked at Tim");
        event("2027-03-01T10:10:00Z", "person:" + ann, "STATUS_CHANGE", sue, "paused Sue");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        String page = console.get("/console/audit?who=ann.actor%40nhs.net&action=READ&whose=sue.subject%40nhs.net").body();

        assertThat(page).contains("1 entry.", "looked at Sue", "Ann Actor", "Sue Subject", "1 March 2027, 10:00")
                .doesNotContain("looked at Tim", "paused Sue");
    }

    @Test
    void datesAreWholeDaysInUkTime() {
        String system = "system:uk-days-" + UUID.randomUUID();
        // 23:30 UTC on 1 June is 00:30 on 2 June in London (BST)
        event("2027-06-01T23:30:00Z", system, "TEST", null, "just after midnight on 2 June");
        event("2027-06-01T22:30:00Z", system, "TEST", null, "late on 1 June");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        String page = console.get("/console/audit?who=" + ConsoleHttp.enc(system) + "&from=2027-06-02&to=2027-06-02").body();

        assertThat(page).contains("1 entry.", "just after midnight on 2 June", "2 June 2027, 00:30").doesNotContain("late on 1 June");
    }

    @Test
    void aDateThatIsNotADateShowsTheProblemAndKeepsWhatWasTyped() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> response = console.get("/console/audit?from=2027-02-31&who=someone");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("There is a problem", "href=\"#from\"", "Enter the first day as a real date",
                "value=\"2027-02-31\"", "value=\"someone\"").doesNotContain("data-testid=\"audit-table\"");
    }

    @Test
    void anUnknownEmailForWhoseDataIsAProblemNotAnEmptyLog() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> response = console.get("/console/audit?whose=nobody%40nhs.net");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("href=\"#whose\"", "No one on the roster has the e-mail address nobody@nhs.net.");
    }

    @Test
    void aNameForWhoActedIsAProblemThatSaysWhatToEnter() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> response = console.get("/console/audit?who=Ann+Actor");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("href=\"#who\"", "Enter an e-mail address, a person number or a system name");
    }

    @Test
    void fiftyLinesAPageLatestFirstWithALinkToOlderOnes() {
        String system = "system:paging-" + UUID.randomUUID();
        Instant start = Instant.parse("2027-01-04T09:00:00Z");
        for (int i = 1; i <= 60; i++) {
            event(start.plusSeconds(60L * i).toString(), system, "TEST", null, "line " + i + ".");
        }
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        String first = console.get("/console/audit?who=" + ConsoleHttp.enc(system)).body();
        String second = console.get("/console/audit?who=" + ConsoleHttp.enc(system) + "&page=2").body();

        assertThat(first).contains("60 entries.", "Page 1 of 2", "line 60.", "line 11.").doesNotContain("line 10.")
                .contains("href=\"/console/audit?who=" + ConsoleHttp.enc(system) + "&amp;page=2\"");
        assertThat(second).contains("Page 2 of 2", "line 10.", "line 1.").doesNotContain("line 11.");
    }

    @Test
    void theCsvHoldsTheFilteredLinesWithFormulasNeutralised() {
        String system = "system:csv-" + UUID.randomUUID();
        long cal = person("cal.csv@nhs.net", "Cal Csv");
        event("2027-04-01T09:00:00Z", system, "EXPORTED", cal, "=HYPERLINK(\"http://evil\")");
        event("2027-04-01T09:01:00Z", system, "OTHER", cal, "not this one");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> csv = console.get("/console/audit/export.csv?who=" + ConsoleHttp.enc(system) + "&action=EXPORTED");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"audit-log.csv\"");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("id,when_uk,actor,actor_name,action,subject_person_id,subject_name,detail,correlation_id");
        assertThat(lines[1]).contains("\"2027-04-01 10:00:00\"", "\"EXPORTED\"", "\"" + cal + "\"", "\"Cal Csv\"",
                "\"'=HYPERLINK(\"\"http://evil\"\")\"");
    }

    @Test
    void readingTheLogIsNotItselfAuditedAsTheAdminApisReadIsNot() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        long before = count("SELECT COUNT(*) FROM audit_event WHERE actor = ?", "person:" + patId);

        console.get("/console/audit");
        get("/admin/api/audit?limit=5");

        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE actor = ?", "person:" + patId)).isEqualTo(before);
    }

    @Test
    void someoneNotOnTheProgrammeTeamCannotReadTheLog() {
        long sue = person("sue.secret@nhs.net", "Sue Secret");
        event("2027-05-01T09:00:00Z", "system:secret", "READ", sue, "secret detail");
        long nick = member(new TestUsers.User("29:nick-audit", "aad-nick-audit", "Nick Audit", "nick.audit@nhs.net"));
        ConsoleHttp console = new ConsoleHttp(base()).signIn(nick);
        programmeTeam.deleteById(nick);

        HttpResponse<String> page = console.get("/console/audit");
        HttpResponse<String> csv = console.get("/console/audit/export.csv");

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(csv.statusCode()).isEqualTo(403);
        assertThat(page.body() + csv.body()).doesNotContain("secret detail");
    }

    private long person(String email, String name) {
        Instant now = Instant.now();
        return people.findByEmail(email).orElseGet(() -> people.save(new Person(null, email, name, Role.PARTICIPANT,
                PersonStatus.ACTIVE, "Europe/London", null, null, null, null, null, null, null, null, null, now, now))).id();
    }

    /** A line as the service writes it (the log refuses changes, not inserts), at a chosen time. */
    private void event(String at, String actor, String action, Long subject, String detail) {
        db.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "INSERT INTO audit_event (occurred_at, actor, action, subject_person_id, detail) VALUES (?, ?, ?, ?, ?)")) {
                s.setObject(1, Instant.parse(at).atOffset(ZoneOffset.UTC));
                s.setString(2, actor);
                s.setString(3, action);
                if (subject == null) {
                    s.setNull(4, java.sql.Types.BIGINT);
                } else {
                    s.setLong(4, subject);
                }
                s.setString(5, detail);
                return s.executeUpdate();
            }
        });
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
