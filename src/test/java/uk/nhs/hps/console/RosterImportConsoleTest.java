package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;
import uk.nhs.hps.support.TestUsers;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's roster import over HTTP: upload, the background check, confirmation, one import per upload, history. */
@MicronautTest(transactional = false, environments = "dev")
class RosterImportConsoleTest extends ConsoleTestBase {

    static final String COHORT = "Console Import 2027";
    static final String HEADER = "email,name,organisation,band,cohort,sponsor_email\n";

    @Inject
    CohortRepository cohorts;
    @Inject
    TransactionOperations<Connection> db;

    @BeforeAll
    void cohort() {
        if (cohorts.findAll().iterator().hasNext() && countWhere("SELECT COUNT(*) FROM cohort WHERE name = ?", COHORT) > 0) {
            return;
        }
        Instant now = Instant.now();
        cohorts.save(new Cohort(null, COHORT, Cohort.key(COHORT), LocalDate.of(2027, 9, 1), LocalDate.of(2029, 8, 31),
                "Europe/London", 14, now, now));
    }

    @Test
    void theCheckShowsEveryRowBesideItsProblemsAndWritesNothing() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> uploaded = console.upload("/console/roster/uploads", "check.csv", csv(
                "ann.check@nhs.net,Ann Check,Leeds,8a," + COHORT + ",sam.check@nhs.net",
                "not-an-email,Bad Row,Leeds,8a," + COHORT + ",sam.check@nhs.net"), console.csrf());
        String page = checked(console, uploaded);

        assertThat(page).contains("ann.check@nhs.net", "Ready to import", "not-an-email", "malformed e-mail");
        assertThat(page).contains("Import 1 valid row(s)");
        assertThat(countWhere("SELECT COUNT(*) FROM person WHERE email = ?", "ann.check@nhs.net")).isZero();
    }

    @Test
    void confirmingImportsTheValidRowsOnceEvenWhenPressedTwice() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        HttpResponse<String> uploaded = console.upload("/console/roster/uploads", "twice.csv", csv(
                "bea.twice@nhs.net,Bea Twice,York,7," + COHORT + ",sid.twice@nhs.net",
                ",No Email,York,7," + COHORT + ",sid.twice@nhs.net"), console.csrf());
        checked(console, uploaded);
        String upload = uploaded.headers().firstValue("HX-Redirect").orElseThrow();
        long importsBefore = countWhere("SELECT COUNT(*) FROM audit_event WHERE action = ?", "ROSTER_IMPORT");

        HttpResponse<String> confirm = console.get(upload + "/confirm");
        HttpResponse<String> first = console.post(upload + "/import", "");
        HttpResponse<String> second = console.post(upload + "/import", "");
        String done = await(console, upload, body -> body.contains("data-testid=\"outcome\""));

        assertThat(confirm.body()).contains("Yes, import 1 row(s)");
        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(second.statusCode()).isEqualTo(303);
        assertThat(done).contains("Imported 1 valid row(s).");
        assertThat(countWhere("SELECT COUNT(*) FROM person WHERE email = ?", "bea.twice@nhs.net")).isEqualTo(1);
        assertThat(countWhere("SELECT COUNT(*) FROM audit_event WHERE action = ?", "ROSTER_IMPORT")).isEqualTo(importsBefore + 1);
        assertThat(countWhere("SELECT COUNT(*) FROM audit_event WHERE action = ? AND actor = ? AND detail LIKE '%console import of twice.csv%'",
                "ROSTER_IMPORT", "person:" + patId)).isEqualTo(1);
    }

    @Test
    void theHistoryNamesWhoImportedWhat() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        HttpResponse<String> uploaded = console.upload("/console/roster/uploads", "history.csv", csv(
                "cat.history@nhs.net,Cat History,Hull,6," + COHORT + ",sue.history@nhs.net"), console.csrf());
        checked(console, uploaded);
        String upload = uploaded.headers().firstValue("HX-Redirect").orElseThrow();
        console.post(upload + "/import", "");
        await(console, upload, body -> body.contains("data-testid=\"outcome\""));

        String history = console.get("/console/roster").body();

        assertThat(history).contains(TestUsers.PAT.name(), "console import of history.csv", "Imported: 1 row(s)");
    }

    @Test
    void aFileThatIsNotCsvIsRefusedOnThePageAndNothingIsKept() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        long uploadsBefore = countWhere("SELECT COUNT(*) FROM roster_upload WHERE uploaded_by = ?", patId);

        HttpResponse<String> response = console.upload("/console/roster/uploads", "photo.png", new byte[]{(byte) 0x89, 'P', 'N', 'G'}, console.csrf());

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("There is a problem", "must be a CSV file");
        assertThat(countWhere("SELECT COUNT(*) FROM roster_upload WHERE uploaded_by = ?", patId)).isEqualTo(uploadsBefore);
    }

    @Test
    void anEmptyFileIsRefusedOnThePage() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> response = console.upload("/console/roster/uploads", "empty.csv", new byte[0], console.csrf());

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("The file is empty");
    }

    @Test
    void aFileWithTheWrongHeaderIsRefusedAndNothingIsKept() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        long uploadsBefore = countWhere("SELECT COUNT(*) FROM roster_upload WHERE uploaded_by = ?", patId);

        HttpResponse<String> response = console.upload("/console/roster/uploads", "wrong.csv",
                "first,last\nAnn,Other\n".getBytes(StandardCharsets.UTF_8), console.csrf());

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("missing the column(s)");
        assertThat(countWhere("SELECT COUNT(*) FROM roster_upload WHERE uploaded_by = ?", patId)).isEqualTo(uploadsBefore);
    }

    @Test
    void aFileOverTheSizeLimitIsRefused() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');

        HttpResponse<String> response = console.upload("/console/roster/uploads", "big.csv", big, console.csrf());

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("larger than 5 MB");
    }

    @Test
    void anUploadWithoutTheCsrfTokenIsRefusedAndNothingIsKept() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        long uploadsBefore = countWhere("SELECT COUNT(*) FROM roster_upload WHERE uploaded_by = ?", patId);

        HttpResponse<String> response = console.upload("/console/roster/uploads", "forged.csv",
                csv("dan.forged@nhs.net,Dan,X,1," + COHORT + ",s@nhs.net"), null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(countWhere("SELECT COUNT(*) FROM roster_upload WHERE uploaded_by = ?", patId)).isEqualTo(uploadsBefore);
    }

    @Test
    void aFiveThousandRowFileIsCheckedInTheBackgroundWithProgress() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        StringBuilder rows = new StringBuilder(HEADER);
        for (int i = 0; i < 5000; i++) {
            rows.append("big").append(i).append("@nhs.net,Big ").append(i).append(",Leeds,8a,").append(COHORT).append(",big.sponsor@nhs.net\n");
        }

        HttpResponse<String> uploaded = console.upload("/console/roster/uploads", "big.csv", rows.toString().getBytes(StandardCharsets.UTF_8), console.csrf());
        String upload = uploaded.headers().firstValue("HX-Redirect").orElseThrow();
        HttpResponse<String> progress = console.get(upload + "/progress");
        String page = checked(console, uploaded);

        assertThat(uploaded.statusCode()).isEqualTo(200);
        assertThat(progress.body()).contains("<progress");
        assertThat(page).contains("data-testid=\"rows\">5000<");
    }

    @Test
    void someoneElsesUploadIsNotShown() {
        ConsoleHttp pat = new ConsoleHttp(base()).signIn(patId);
        HttpResponse<String> uploaded = pat.upload("/console/roster/uploads", "mine.csv",
                csv("eve.mine@nhs.net,Eve,X,1," + COHORT + ",s.mine@nhs.net"), pat.csrf());
        String upload = uploaded.headers().firstValue("HX-Redirect").orElseThrow();
        ConsoleHttp other = new ConsoleHttp(base()).signIn(member(new TestUsers.User("29:olly", "aad-olly", "Olly Other", "olly.other@nhs.net")));

        HttpResponse<String> response = other.get(upload);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("eve.mine@nhs.net");
    }

    @Test
    void someoneNotOnTheProgrammeTeamCannotOpenTheImport() {
        long stranger = member(new TestUsers.User("29:nora", "aad-nora", "Nora Nonmember", "nora.nonmember@nhs.net"));
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        ConsoleHttp nora = new ConsoleHttp(base()).signIn(stranger);
        programmeTeam.deleteById(stranger);

        HttpResponse<String> response = nora.get("/console/roster");

        assertThat(console.get("/console/roster").statusCode()).isEqualTo(200);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("You do not have access to the console");
    }

    private static byte[] csv(String... rows) {
        return (HEADER + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The upload's page once its rows have been checked in the background. */
    private static String checked(ConsoleHttp console, HttpResponse<String> uploaded) {
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        return await(console, uploaded.headers().firstValue("HX-Redirect").orElseThrow(), body -> body.contains("What the check found"));
    }

    /** Polls the page until it shows what the background work ends with (async: a deadline, no sleep). */
    private static String await(ConsoleHttp console, String path, Predicate<String> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            body = console.get(path).body();
            if (done.test(body)) {
                return body;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("Still waiting after 30 s: " + body);
    }

    private long countWhere(String sql, Object... parameters) {
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
