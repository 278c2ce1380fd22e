package uk.nhs.hps.console;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import uk.nhs.hps.access.ProgrammeTeamMember;
import uk.nhs.hps.admin.AdminApiTestBase;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.Browser;
import uk.nhs.hps.support.FakeEntraIssuer;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The console on a known free port (the OpenID redirect URI is configured before the server starts), signing in
 * against the fake Entra ID. PAT is on the programme team (see {@link AdminApiTestBase}).
 */
abstract class ConsoleTestBase extends AdminApiTestBase {

    protected final int port = freePort();

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(super.extraProperties());
        p.put("micronaut.server.port", String.valueOf(port));
        p.put("console.oidc.issuer", entra.issuer());
        p.put("console.oidc.client-id", FakeEntraIssuer.CLIENT_ID);
        p.put("console.oidc.client-secret", FakeEntraIssuer.CLIENT_SECRET);
        p.put("console.oidc.redirect-uri", base() + "/console/auth/callback");
        p.put("console.oidc.tenant-id", TestUsers.TENANT);
        // the production cookie: Chromium keeps Secure cookies on http://localhost
        p.put("console.secure-cookie", "true");
        return p;
    }

    protected String base() {
        return "http://localhost:" + port;
    }

    /** Headless Chromium signed in as Pat through the dev sign-in, as a programme-team member starts every browser test. */
    protected Browser browserSignedInAsPat() {
        Browser browser = Browser.start();
        browser.open(base() + "/console/dev-sign-in");
        new Select(browser.find(By.id("person"))).selectByValue(String.valueOf(patId));
        browser.find(By.cssSelector("form[action='/console/dev-sign-in'] button")).click();
        browser.waitForText(By.cssSelector("header"), "Signed in as " + TestUsers.PAT.name());
        return browser;
    }

    /** Puts the user on the roster and the programme team (idempotent); returns their person id. */
    protected long member(TestUsers.User user) {
        Instant now = Instant.now();
        Person person = people.findByEmail(user.email()).orElseGet(() -> people.save(new Person(null, user.email(), user.name(),
                Role.PROGRAMME_TEAM, PersonStatus.ACTIVE, "Europe/London", user.aadObjectId(), null, null, null, null, null,
                null, null, now, now)));
        if (!programmeTeam.existsById(person.id())) {
            programmeTeam.save(new ProgrammeTeamMember(person.id(), now));
        }
        return person.id();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
