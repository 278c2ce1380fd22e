package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.access.ProgrammeTeamMember;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in, sessions and CSRF over plain HTTP, where status codes and cookie attributes can be seen. */
@MicronautTest(transactional = false, environments = "dev")
class ConsoleSignInTest extends ConsoleTestBase {

    private static final TestUsers.User ROBIN = new TestUsers.User("29:robin-signin", "aad-robin-signin", "Robin Removed", "robin.signin@nhs.net");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void theSessionCookieIsSecureHttpOnlyAndSameSiteLax() {
        HttpResponse<String> signedIn = devSignIn(patId);

        assertThat(signedIn.statusCode()).isEqualTo(303);
        String cookie = setCookie(signedIn, "hps_console").orElseThrow();
        // attribute names are case-insensitive (Netty writes "HTTPOnly")
        assertThat(cookie).contains("; Secure").containsIgnoringCase("; HttpOnly").containsIgnoringCase("; SameSite=Lax").contains("; Path=/console");
    }

    @Test
    void theDevSignInFormWithoutItsTokenSignsNobodyIn() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base() + "/console/dev-sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("person=" + patId + "&_csrf=guess")).build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(setCookie(response, "hps_console")).isEmpty();
    }

    @Test
    void someoneNotOnTheProgrammeTeamGetsA403PageAndNoSession() {
        long stranger = people.findByEmail(TestUsers.STRANGER.email()).map(p -> p.id()).orElseGet(() -> {
            long id = member(TestUsers.STRANGER);
            programmeTeam.deleteById(id);
            return id;
        });

        HttpResponse<String> response = devSignIn(stranger);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("You do not have access to the console");
        assertThat(setCookie(response, "hps_console")).isEmpty();
    }

    @Test
    void aVisitorWhoIsNotSignedInIsSentToSignInAndBack() {
        HttpResponse<String> response = get("/console?cohort=7", null);

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/console/sign-in?return=%2Fconsole%3Fcohort%3D7");
    }

    @Test
    void afterSignOutTheOldCookieOpensNothing() {
        String session = sessionCookie(devSignIn(patId));
        String csrf = csrf(get("/console", session).body());

        HttpResponse<String> out = post("/console/sign-out", session, "_csrf=" + csrf);

        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(get("/console", session).statusCode()).isEqualTo(303);
    }

    @Test
    void aSignOutWithoutTheTokenKeepsTheSession() {
        String session = sessionCookie(devSignIn(patId));

        HttpResponse<String> out = post("/console/sign-out", session, "_csrf=forged");

        assertThat(out.statusCode()).isEqualTo(403);
        assertThat(get("/console", session).statusCode()).isEqualTo(200);
    }

    @Test
    void aMemberRemovedFromTheTeamCanStillSignOutFromThe403Page() {
        long robin = member(ROBIN);
        String session = sessionCookie(devSignIn(robin));
        programmeTeam.deleteById(robin);
        HttpResponse<String> forbidden = get("/console", session);

        HttpResponse<String> out = post("/console/sign-out", session, "_csrf=" + csrf(forbidden.body()));

        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).hasValue("/console/signed-out");
        programmeTeam.save(new ProgrammeTeamMember(robin, Instant.now()));
        assertThat(get("/console", session).statusCode()).as("the session is gone, not merely refused").isEqualTo(303);
    }

    @Test
    void aMemberRemovedFromTheTeamCannotUseTheirSessionForAnythingButSigningOut() {
        long robin = member(ROBIN);
        String session = sessionCookie(devSignIn(robin));
        String csrf = csrf(get("/console", session).body());
        programmeTeam.deleteById(robin);

        HttpResponse<String> forgedSignOut = post("/console/sign-out", session, "_csrf=forged");
        HttpResponse<String> otherPost = post("/console/calendar/bank-holidays", session, "_csrf=" + csrf + "&date=2027-01-04&name=Test");

        assertThat(forgedSignOut.statusCode()).isEqualTo(403);
        assertThat(otherPost.statusCode()).isEqualTo(403);
        assertThat(otherPost.body()).contains("You do not have access to the console");
    }

    @Test
    void anEntraSignInCallbackWorksOnce() {
        entra.signInAs(TestUsers.PAT);
        Callback callback = startEntraSignIn();

        HttpResponse<String> first = get(callback.url(), "hps_console_state=" + callback.state());
        HttpResponse<String> replay = get(callback.url(), "hps_console_state=" + callback.state());

        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(setCookie(first, "hps_console")).isPresent();
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("already been used");
    }

    @Test
    void anEntraSignInFinishedInAnotherBrowserIsRefused() {
        entra.signInAs(TestUsers.PAT);
        Callback callback = startEntraSignIn();

        HttpResponse<String> response = get(callback.url(), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("not started in this browser");
        assertThat(setCookie(response, "hps_console")).isEmpty();
    }

    @Test
    void theDevSignInNamesTheRosterPeopleToActAs() {
        HttpResponse<String> page = get("/console/dev-sign-in", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(TestUsers.PAT.name() + " (programme team)");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
    }

    private record Callback(String url, String state) {
    }

    /** Our redirect to the issuer, the issuer's redirect back: the callback URL and the state cookie we were given. */
    private Callback startEntraSignIn() {
        HttpResponse<String> toEntra = get("/console/sign-in/entra", null);
        String state = setCookie(toEntra, "hps_console_state").map(c -> c.substring(c.indexOf('=') + 1, c.indexOf(';'))).orElseThrow();
        HttpResponse<String> fromEntra = send(HttpRequest.newBuilder(URI.create(toEntra.headers().firstValue("Location").orElseThrow())).GET().build());
        String back = fromEntra.headers().firstValue("Location").orElseThrow();
        return new Callback(back.substring(base().length()), state);
    }

    private HttpResponse<String> devSignIn(long personId) {
        HttpResponse<String> page = get("/console/dev-sign-in", null);
        String login = setCookie(page, "hps_console_login").map(c -> c.substring(c.indexOf('=') + 1, c.indexOf(';'))).orElseThrow();
        return post("/console/dev-sign-in", "hps_console_login=" + login, "person=" + personId + "&_csrf=" + URLEncoder.encode(login, StandardCharsets.UTF_8));
    }

    private static String sessionCookie(HttpResponse<String> response) {
        String c = setCookie(response, "hps_console").orElseThrow();
        return c.substring(0, c.indexOf(';'));
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).isTrue();
        return URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    }

    private static Optional<String> setCookie(HttpResponse<?> response, String name) {
        List<String> all = response.headers().allValues("Set-Cookie");
        return all.stream().filter(c -> c.startsWith(name + "=") && !c.startsWith(name + "=;")).findFirst();
    }

    private HttpResponse<String> get(String path, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return send(b.build());
    }

    private HttpResponse<String> post(String path, String cookie, String form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
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
}
