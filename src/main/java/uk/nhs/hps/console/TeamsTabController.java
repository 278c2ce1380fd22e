package uk.nhs.hps.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.CookieValue;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The console as a Teams personal tab (the manifest's static tab "Console"). The page loads the Teams JavaScript
 * client, asks Teams for the signed-in user's token ({@code authentication.getAuthToken}) and posts it in a form
 * with the page's CSRF token; the token is checked like the admin API's and a programme-team member gets a console
 * session and the overview. Anyone who installs the app sees the tab, so everyone else gets the 403 page.
 */
@Hidden
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class TeamsTabController {

    static final String PAGE = "/console/tab";
    static final String SIGN_IN = "/console/tab/sign-in";
    /** The Teams JavaScript client, vendored under console-assets (no webjar of it is published). */
    static final String TEAMS_JS = "/console/assets/vendor/teams-js/2.58.0/MicrosoftTeams.min.js";

    /** The form the tab's script submits. */
    @Serdeable
    record TabSignInForm(@Nullable String token) {
    }

    private final SigningIn signingIn;
    private final ConsolePages pages;
    private final SignInResponses responses;

    TeamsTabController(SigningIn signingIn, ConsolePages pages, SignInResponses responses) {
        this.signingIn = signingIn;
        this.pages = pages;
        this.responses = responses;
    }

    @Get(PAGE)
    MutableHttpResponse<String> page(HttpRequest<?> request, @Nullable @CookieValue(ConsoleFilter.LOGIN_COOKIE) String login) {
        // one value for the login cookie wherever it was set, so a tab and a dev sign-in in one browser agree
        String token = login == null || login.isBlank() || login.length() > 100 ? ConsoleSessions.randomToken() : login;
        Map<String, Object> model = new HashMap<>();
        model.put("loginToken", token);
        model.put("teamsJs", TEAMS_JS);
        MutableHttpResponse<String> response = pages.render(request, HttpStatus.OK, "console/tab", "", model);
        response.getHeaders().add("Set-Cookie", SignInResponses.tabCookie(ConsoleFilter.LOGIN_COOKIE, token, "/console", Duration.ofHours(1)));
        return response;
    }

    @Post(SIGN_IN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> signIn(HttpRequest<?> request, @Body TabSignInForm form) {
        return responses.answerInTab(request, signingIn.withTeams(form.token()));
    }
}
