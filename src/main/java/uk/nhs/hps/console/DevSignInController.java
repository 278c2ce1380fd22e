package uk.nhs.hps.console;

import io.micronaut.context.annotation.Requires;
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
 * Local development only: act as any roster person, no Azure needed. The bean exists only in the {@code dev}
 * environment with {@code console.dev-sign-in} on, so elsewhere the page is a plain 404 (and
 * {@link ConsoleStartupSafety} refuses to start with the setting on outside dev).
 */
@Hidden
@Requires(env = "dev")
@Requires(property = "console.dev-sign-in", value = "true")
@Controller("/console/dev-sign-in")
@ExecuteOn(TaskExecutors.BLOCKING)
class DevSignInController {

    /** The form: the roster id to act as. */
    @Serdeable
    record DevSignInForm(@Nullable String person, @Nullable String returnTo) {
    }

    private final SigningIn signingIn;
    private final ConsolePages pages;
    private final SignInResponses signIn;

    DevSignInController(SigningIn signingIn, ConsolePages pages, SignInResponses signIn) {
        this.signingIn = signingIn;
        this.pages = pages;
        this.signIn = signIn;
    }

    @Get
    MutableHttpResponse<String> page(HttpRequest<?> request, @Nullable @CookieValue(ConsoleFilter.LOGIN_COOKIE) String login,
                                     @Nullable @io.micronaut.http.annotation.QueryValue("return") String returnTo) {
        return form(request, HttpStatus.OK, login, returnTo, null);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> signIn(HttpRequest<?> request, @Body DevSignInForm form,
                                  @Nullable @CookieValue(ConsoleFilter.LOGIN_COOKIE) String login) {
        long id;
        try {
            id = Long.parseLong(form.person() == null ? "" : form.person().strip());
        } catch (NumberFormatException e) {
            return form(request, HttpStatus.BAD_REQUEST, login, form.returnTo(), "Choose the person to act as.");
        }
        SigningIn.Outcome outcome = signingIn.asDev(id);
        if (outcome instanceof SigningIn.Opened opened && form.returnTo() != null) {
            outcome = new SigningIn.Opened(opened.cookieValue(), opened.member(), SignInController.safeReturn(form.returnTo()));
        }
        return signIn.answer(request, outcome);
    }

    private MutableHttpResponse<String> form(HttpRequest<?> request, HttpStatus status, @Nullable String login,
                                             @Nullable String returnTo, @Nullable String error) {
        String token = login == null || login.isBlank() ? ConsoleSessions.randomToken() : login;
        Map<String, Object> model = new HashMap<>();
        model.put("people", signingIn.devCandidates(500));
        model.put("loginToken", token);
        model.put("returnTo", SignInController.safeReturn(returnTo));
        model.put("error", error);
        return pages.render(request, status, "console/dev-sign-in", "", model)
                .cookie(signIn.cookie(ConsoleFilter.LOGIN_COOKIE, token, "/console", Duration.ofHours(1)));
    }
}
