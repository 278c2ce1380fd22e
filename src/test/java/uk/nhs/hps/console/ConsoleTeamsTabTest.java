package uk.nhs.hps.console;

import com.auth0.jwt.JWTCreator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's Teams tab over plain HTTP: the page, its form carrying the token Teams single sign-on gives the tab
 * (here minted by the fake Entra ID, shaped as Entra's tokens for our access_as_user scope), the cookie a session in
 * a Teams frame needs, and who may frame the console.
 */
@MicronautTest(transactional = false, environments = "dev")
class ConsoleTeamsTabTest extends ConsoleTestBase {

    static final String SSO_CLIENT_ID = "00000000-0000-4000-8000-0000000c0515";
    static final String TEAMS_WEB = "5e3ce6c0-2b1f-4285-8d4b-75ee78787346";
    static final String TEAMS_DESKTOP = "1fec8e78-bce4-4aaf-ab1b-5451cc387264";

    private static final TestUsers.User ROBIN = new TestUsers.User("29:robin-tab", "aad-robin-tab", "Robin Removed", "robin.tab@nhs.net");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject
    AuditLog audit;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(super.extraProperties());
        p.put("console.teams.client-id", SSO_CLIENT_ID);
        p.put("console.teams.application-id-uri", resource());
        p.put("console.teams.tenant-id", TestUsers.TENANT);
        p.put("console.teams.issuers", entra.issuer());
        return p;
    }

    private String resource() {
        return "api://localhost:" + port + "/" + SSO_CLIENT_ID;
    }

    /** A v2 token as Teams on the web gets it for our scope: audience = our client id, azp = Teams. */
    private JWTCreator.Builder teamsToken(TestUsers.User user) {
        return entra.claims(user).withAudience(SSO_CLIENT_ID).withClaim("scp", "access_as_user").withClaim("azp", TEAMS_WEB);
    }

    @Test
    void aMemberSignedInFromTheTabReachesTheOverview() {
        HttpResponse<String> signedIn = tabSignIn(entra.sign(teamsToken(TestUsers.PAT)));

        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/console");
        HttpResponse<String> overview = get("/console", sessionCookie(signedIn));
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("Signed in as <strong>" + TestUsers.PAT.name() + "</strong>");
    }

    @Test
    void aTabSignInIsAuditedAsTeams() {
        tabSignIn(entra.sign(teamsToken(TestUsers.PAT)));

        assertThat(audit.by(AuditLog.person(patId))).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(SigningIn.SIGN_IN);
            assertThat(e.detail()).isEqualTo("console: signed in (teams)");
        });
    }

    @Test
    void aV1TokenForTheApplicationIdUriFromTeamsDesktopIsAccepted() {
        String v1 = entra.sign(entra.claims(TestUsers.PAT).withAudience(resource()).withClaim("scp", "access_as_user")
                .withClaim("appid", TEAMS_DESKTOP));

        HttpResponse<String> signedIn = tabSignIn(v1);

        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(setCookie(signedIn, "hps_console")).isPresent();
    }

    @Test
    void theTabSessionCookieIsPartitionedSameSiteNoneSecureAndHttpOnly() {
        HttpResponse<String> signedIn = tabSignIn(entra.sign(teamsToken(TestUsers.PAT)));

        String cookie = setCookie(signedIn, "hps_console").orElseThrow();
        assertThat(cookie).contains("; Secure").contains("; HttpOnly").contains("; SameSite=None").contains("; Partitioned")
                .contains("; Path=/console");
    }

    @Test
    void someoneNotOnTheProgrammeTeamGetsThe403PageAndNoSession() {
        long stranger = people.findByEmail(TestUsers.STRANGER.email()).map(p -> p.id()).orElseGet(() -> member(TestUsers.STRANGER));
        programmeTeam.deleteById(stranger);

        HttpResponse<String> response = tabSignIn(entra.sign(teamsToken(TestUsers.STRANGER)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("You do not have access to the console");
        assertThat(setCookie(response, "hps_console")).isEmpty();
    }

    @Test
    void theTabs403PageOffersTheTabAgainNotTheBrowserSignIn() {
        long stranger = people.findByEmail(TestUsers.STRANGER.email()).map(p -> p.id()).orElseGet(() -> member(TestUsers.STRANGER));
        programmeTeam.deleteById(stranger);

        HttpResponse<String> response = tabSignIn(entra.sign(teamsToken(TestUsers.STRANGER)));

        assertThat(response.body()).contains("href=\"/console/tab\"").doesNotContain("href=\"/console/sign-in\"");
    }

    @Test
    void signingOutOfATabSessionLeadsBackToTheTabsSignIn() {
        String session = sessionCookie(tabSignIn(entra.sign(teamsToken(TestUsers.PAT))));
        String csrf = csrf(get("/console", session).body());

        HttpResponse<String> out = post("/console/sign-out", session, base(), "_csrf=" + csrf);
        HttpResponse<String> page = get(out.headers().firstValue("Location").orElseThrow(), null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("href=\"/console/tab\"").doesNotContain("href=\"/console/sign-in\"");
    }

    @Test
    void aTabSessionOfSomeoneRemovedFromTheTeamCanStillSignOut() {
        long robin = member(ROBIN);
        String session = sessionCookie(tabSignIn(entra.sign(teamsToken(ROBIN))));
        programmeTeam.deleteById(robin);
        HttpResponse<String> forbidden = get("/console", session);

        HttpResponse<String> out = post("/console/sign-out", session, base(), "_csrf=" + csrf(forbidden.body()));

        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("Sign out");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("hps_console=;").contains("; Partitioned"));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        // the admin API's audience: a token for another API of ours is not a sign-in to the console
        HttpResponse<String> response = tabSignIn(entra.sign(teamsToken(TestUsers.PAT).withAudience("api://hps-companion-admin")));

        assertRefused(response, "for another app, not this console");
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant twoHoursAgo = Instant.now().minusSeconds(7200);
        String expired = entra.sign(teamsToken(TestUsers.PAT).withIssuedAt(Date.from(twoHoursAgo))
                .withNotBefore(Date.from(twoHoursAgo)).withExpiresAt(Date.from(twoHoursAgo.plusSeconds(3600))));

        assertRefused(tabSignIn(expired), "has expired");
    }

    @Test
    void aTokenFromAnotherTenantIsRefused() {
        HttpResponse<String> response = tabSignIn(entra.sign(teamsToken(TestUsers.PAT).withClaim("tid", TestUsers.OTHER_TENANT)));

        assertRefused(response, "organisation this console does not serve");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        HttpResponse<String> response = tabSignIn(entra.sign(teamsToken(TestUsers.PAT)
                .withIssuer("https://login.microsoftonline.com/" + TestUsers.OTHER_TENANT + "/v2.0")));

        assertRefused(response, "issuer this console does not trust");
    }

    @Test
    void aTokenSignedWithAnUnpublishedKeyIsRefused() {
        assertRefused(tabSignIn(entra.forge(teamsToken(TestUsers.PAT))), "could not be verified");
    }

    @Test
    void aTokenWithoutTheConsoleScopeIsRefused() {
        HttpResponse<String> response = tabSignIn(entra.sign(teamsToken(TestUsers.PAT).withClaim("scp", "User.Read")));

        assertRefused(response, "lacks the access_as_user permission");
    }

    @Test
    void aTokenAnotherAppAskedForIsRefused() {
        HttpResponse<String> response = tabSignIn(entra.sign(teamsToken(TestUsers.PAT).withClaim("azp", "11111111-2222-4333-8444-555555555555")));

        assertRefused(response, "an app other than Microsoft Teams");
    }

    @Test
    void theTabFormWithoutThePagesTokenSignsNobodyIn() {
        String login = loginToken();

        HttpResponse<String> response = post("/console/tab/sign-in", "hps_console_login=" + login, base(),
                "token=" + entra.sign(teamsToken(TestUsers.PAT)) + "&_csrf=guess");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(setCookie(response, "hps_console")).isEmpty();
    }

    @Test
    void theTabFormPostedFromAnotherSiteSignsNobodyIn() {
        String login = loginToken();

        // another origin on this machine: Micronaut itself refuses a non-local Origin to a localhost server first
        HttpResponse<String> response = post("/console/tab/sign-in", "hps_console_login=" + login, "http://127.0.0.1:9",
                "token=" + entra.sign(teamsToken(TestUsers.PAT)) + "&_csrf=" + enc(login));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("sent from another website");
        assertThat(setCookie(response, "hps_console")).isEmpty();
    }

    @Test
    void aTabSessionsFormsStillNeedTheSessionsCsrfToken() {
        String session = sessionCookie(tabSignIn(entra.sign(teamsToken(TestUsers.PAT))));

        HttpResponse<String> forged = post("/console/sign-out", session, base(), "_csrf=forged");

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(get("/console", session).statusCode()).isEqualTo(200);
    }

    @Test
    void signingOutOfATabSessionClearsThePartitionedCookie() {
        String session = sessionCookie(tabSignIn(entra.sign(teamsToken(TestUsers.PAT))));
        String csrf = csrf(get("/console", session).body());

        HttpResponse<String> out = post("/console/sign-out", session, base(), "_csrf=" + csrf);

        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("hps_console=;")
                .contains("Max-Age=0").contains("; Partitioned"));
        assertThat(get("/console", session).statusCode()).isEqualTo(303);
    }

    @Test
    void theTabPageSetsAPartitionedLoginCookieAndPutsItsTokenInTheForm() {
        HttpResponse<String> page = get("/console/tab", null);

        String cookie = setCookie(page, "hps_console_login").orElseThrow();
        String value = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
        assertThat(cookie).contains("; Secure").contains("; SameSite=None").contains("; Partitioned");
        assertThat(page.body()).contains("name=\"_csrf\" value=\"" + value + "\"");
    }

    @Test
    void theTabPageLoadsTheTeamsClientAndItsScriptFromTheJarWithNoInlineScript() {
        HttpResponse<String> page = get("/console/tab", null);

        List<String> scripts = Pattern.compile("<script[^>]*>").matcher(page.body()).results().map(m -> m.group()).toList();
        assertThat(scripts).allSatisfy(s -> assertThat(s).containsPattern(" src=\"/console/assets/"));
        assertThat(scripts).anySatisfy(s -> assertThat(s).contains(TeamsTabController.TEAMS_JS))
                .anySatisfy(s -> assertThat(s).contains("/console/assets/tab.js"));
        HttpResponse<String> teamsJs = get(TeamsTabController.TEAMS_JS, null);
        assertThat(teamsJs.statusCode()).isEqualTo(200);
        assertThat(teamsJs.body()).contains("microsoftTeams");
    }

    @Test
    void theConsoleMayBeFramedByTeamsAndMicrosoft365HostsOnly() {
        String session = sessionCookie(tabSignIn(entra.sign(teamsToken(TestUsers.PAT))));

        for (HttpResponse<String> page : List.of(get("/console/tab", null), get("/console", session))) {
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            String ancestors = Pattern.compile("frame-ancestors ([^;]+)").matcher(csp).results().map(m -> m.group(1))
                    .findFirst().orElseThrow();
            assertThat(ancestors.split(" ")).containsExactlyInAnyOrder("'self'", "https://teams.microsoft.com",
                    "https://*.teams.microsoft.com", "https://*.cloud.microsoft", "https://*.microsoft365.com",
                    "https://*.office.com", "https://outlook.office365.com");
            assertThat(csp).contains("script-src 'self';");
            assertThat(page.headers().firstValue("X-Frame-Options")).isEmpty();
        }
    }

    @Test
    void aTokenTheServerRefusesShowsWhyAndTheBrowserSignIn() {
        HttpResponse<String> response = tabSignIn(entra.sign(teamsToken(TestUsers.PAT).withClaim("tid", TestUsers.OTHER_TENANT)));

        assertThat(response.body()).contains("You are not signed in")
                .contains("href=\"/console/sign-in\" target=\"_blank\" rel=\"noopener\"")
                .doesNotContain("id=\"tab-sign-in\"");
    }

    private void assertRefused(HttpResponse<String> response, String why) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains(why);
        assertThat(setCookie(response, "hps_console")).isEmpty();
    }

    /** As the tab's script does: the page (for its login cookie and form token), then the form with Teams' token. */
    private HttpResponse<String> tabSignIn(String token) {
        String login = loginToken();
        return post("/console/tab/sign-in", "hps_console_login=" + login, base(), "token=" + enc(token) + "&_csrf=" + enc(login));
    }

    private String loginToken() {
        String cookie = setCookie(get("/console/tab", null), "hps_console_login").orElseThrow();
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String sessionCookie(HttpResponse<String> response) {
        String c = setCookie(response, "hps_console").orElseThrow();
        return c.substring(0, c.indexOf(';'));
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).isTrue();
        return enc(m.group(1));
    }

    private static Optional<String> setCookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "=") && !c.startsWith(name + "=;")).findFirst();
    }

    private HttpResponse<String> get(String path, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return send(b.build());
    }

    /** A form post as a browser sends it, with its Origin: our own host from the tab's frame. */
    private HttpResponse<String> post(String path, String cookie, String origin, String form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).header("Origin", origin)
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
