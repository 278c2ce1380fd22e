package uk.nhs.hps.bench;

import io.micronaut.transaction.TransactionOperations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;

/** What the console benchmarks share: a programme-team member written into the database, signed in as a browser does. */
final class ConsoleBenchSession {

    private ConsoleBenchSession() {
    }

    /** A person on the programme team; {@code key} keeps e-mail and Microsoft id unique per benchmark. */
    static long programmeTeamMember(TransactionOperations<Connection> db, String key) {
        return db.executeWrite(status -> {
            Connection c = status.getConnection();
            long id;
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO person (email, display_name, role, status, time_zone, aad_object_id, created_at, updated_at)
                    VALUES (?, 'Bench Team', 'PROGRAMME_TEAM', 'ACTIVE', 'Europe/London', ?, ?, ?)""",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, key + "@nhs.net");
                s.setString(2, "aad-" + key);
                s.setObject(3, Instant.now().atOffset(ZoneOffset.UTC));
                s.setObject(4, Instant.now().atOffset(ZoneOffset.UTC));
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO programme_team_member (person_id, added_at) VALUES (?, ?)")) {
                s.setLong(1, id);
                s.setObject(2, Instant.now().atOffset(ZoneOffset.UTC));
                s.executeUpdate();
            }
            return id;
        });
    }

    /** The dev sign-in, as a browser does it: the form's cookie and token, then the session cookie. */
    static String signIn(HttpClient http, String base, long personId) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/console/dev-sign-in")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String login = cookie(form, "hps_console_login");
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/console/dev-sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "hps_console_login=" + login)
                .POST(HttpRequest.BodyPublishers.ofString("person=" + personId + "&_csrf=" + login)).build(),
                HttpResponse.BodyHandlers.ofString());
        return "hps_console=" + cookie(signedIn, "hps_console");
    }

    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + name + " cookie: " + response.statusCode()));
    }
}
