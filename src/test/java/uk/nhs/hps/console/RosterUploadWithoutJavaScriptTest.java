package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roster upload form posted as a browser without JavaScript posts it: multipart, the CSRF token as the form's
 * {@code _csrf} field and no header. The right token is accepted and the file checked; a wrong or missing one is
 * refused and nothing is kept.
 */
@MicronautTest(transactional = false, environments = "dev")
class RosterUploadWithoutJavaScriptTest extends ConsoleTestBase {

    private static final String COHORT = "No Script 2027";

    @Inject
    CohortRepository cohorts;
    @Inject
    TransactionOperations<Connection> db;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    void cohort() {
        if (count("SELECT COUNT(*) FROM cohort WHERE name = ?", COHORT) == 0) {
            Instant now = Instant.now();
            cohorts.save(new Cohort(null, COHORT, Cohort.key(COHORT), LocalDate.of(2027, 9, 1), LocalDate.of(2029, 8, 31),
                    "Europe/London", 14, now, now));
        }
    }

    @Test
    void theFormsCsrfFieldIsAcceptedWithoutTheHeader() throws Exception {
        Session session = signIn();
        long before = uploads();

        HttpResponse<String> response = post(session, session.csrf);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location").orElseThrow()).startsWith("/console/roster/uploads/");
        assertThat(uploads()).isEqualTo(before + 1);
    }

    @Test
    void aWrongCsrfFieldIsRefusedAndNothingIsKept() throws Exception {
        Session session = signIn();
        long before = uploads();

        HttpResponse<String> response = post(session, "not-" + session.csrf);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("did not come from this console");
        assertThat(uploads()).isEqualTo(before);
    }

    @Test
    void aFilePartNamedLikeTheTokenDoesNotCountAsTheToken() throws Exception {
        Session session = signIn();
        long before = uploads();
        String boundary = "----noscript" + UUID.randomUUID();
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"; filename=\"x.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + session.csrf + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send(session, boundary, body);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(uploads()).isEqualTo(before);
    }

    private record Session(String cookie, String csrf) {
    }

    /** The dev sign-in done by hand, so this test holds the session cookie for its raw requests. */
    private Session signIn() {
        HttpResponse<String> page = get(null, "/console/dev-sign-in");
        String login = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("hps_console_login="))
                .map(c -> c.substring(c.indexOf('=') + 1, c.indexOf(';'))).findFirst().orElseThrow();
        HttpResponse<String> signedIn = send(HttpRequest.newBuilder(URI.create(base() + "/console/dev-sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "hps_console_login=" + login)
                .POST(HttpRequest.BodyPublishers.ofString("person=" + patId + "&_csrf=" + ConsoleHttp.enc(login))).build());
        String cookie = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("hps_console=") && !c.startsWith("hps_console=;"))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get(cookie, "/console/roster").body());
        assertThat(m.find()).isTrue();
        return new Session(cookie, m.group(1));
    }

    /** The form as a browser without JavaScript sends it: the token part first, then the file; no header. */
    private HttpResponse<String> post(Session session, String token) throws IOException {
        String boundary = "----noscript" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"noscript.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(("email,name,organisation,band,cohort,sponsor_email\nnoscript." + UUID.randomUUID() + "@nhs.net,No Script,"
                + "Leeds,7," + COHORT + ",noscript.sponsor@nhs.net\n").getBytes(StandardCharsets.UTF_8));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(session, boundary, body.toByteArray());
    }

    private HttpResponse<String> send(Session session, String boundary, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base() + "/console/roster/uploads"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Cookie", session.cookie())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private HttpResponse<String> get(String cookie, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return send(b.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long uploads() {
        return count("SELECT COUNT(*) FROM roster_upload WHERE uploaded_by = ?", patId);
    }

    private long count(String sql, Object parameter) {
        return db.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(sql)) {
                s.setObject(1, parameter);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
