package uk.nhs.hps.console;

import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.CookieValue;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Signing in to the console with Entra ID (OpenID Connect), and signing out. */
@Hidden
@Controller("/console")
@ExecuteOn(TaskExecutors.BLOCKING)
class SignInController {

    static final String STATE_COOKIE = "hps_console_state";

    private final SigningIn signingIn;
    private final ConsolePages pages;
    private final SignInResponses responses;
    private final boolean devSignIn;

    SignInController(SigningIn signingIn, ConsolePages pages, SignInResponses responses, ConsoleSettings settings,
                     Environment environment) {
        this.signingIn = signingIn;
        this.pages = pages;
        this.responses = responses;
        this.devSignIn = settings.devSignIn() && environment.getActiveNames().contains("dev");
    }

    @Get("/sign-in")
    MutableHttpResponse<String> signInPage(HttpRequest<?> request, @Nullable @QueryValue("return") String returnTo) {
        Map<String, Object> model = new HashMap<>();
        model.put("entra", signingIn.entraConfigured());
        model.put("dev", devSignIn);
        model.put("returnTo", safeReturn(returnTo));
        return pages.page(request, "console/sign-in", "", model);
    }

    @Get("/sign-in/entra")
    MutableHttpResponse<?> toEntra(HttpRequest<?> request, @Nullable @QueryValue("return") String returnTo) {
        try {
            EntraSignIn.Redirect redirect = signingIn.beginEntra(safeReturn(returnTo));
            return ConsolePages.secured(HttpResponse.seeOther(URI.create(redirect.url()))
                    .cookie(responses.cookie(STATE_COOKIE, redirect.stateCookie(), "/console/auth", Duration.ofMinutes(10))));
        } catch (EntraSignIn.Failed e) {
            return pages.render(request, HttpStatus.SERVICE_UNAVAILABLE, "console/sign-in-failed", "", Map.of("why", e.getMessage()));
        }
    }

    @Get("/auth/callback")
    MutableHttpResponse<?> callback(HttpRequest<?> request, @Nullable @QueryValue String code, @Nullable @QueryValue String state,
                                    @Nullable @QueryValue String error, @Nullable @CookieValue(STATE_COOKIE) String stateCookie) {
        if (error != null) {
            return pages.render(request, HttpStatus.UNAUTHORIZED, "console/sign-in-failed", "",
                    Map.of("why", "Microsoft did not sign you in (" + (error.length() > 60 ? error.substring(0, 60) : error) + ")."));
        }
        SigningIn.Outcome outcome = signingIn.completeEntra(code, state, stateCookie);
        MutableHttpResponse<?> response = responses.answer(request, outcome);
        return response.cookie(responses.cookie(STATE_COOKIE, "", "/console/auth", Duration.ZERO));
    }

    static final String SIGN_OUT = "/console/sign-out";
    static final String SIGNED_OUT_OF_TAB = "/console/signed-out?from=teams";

    @Post("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> signOut(HttpRequest<?> request, @Nullable @CookieValue(ConsoleFilter.SESSION_COOKIE) String session) {
        SigningIn.Member member = request.getAttribute(ConsolePages.MEMBER, SigningIn.Member.class).orElse(null);
        signingIn.signOut(session, member == null ? null : member.personId());
        ConsoleSessions.Via via = member != null ? member.via()
                : request.getAttribute(ConsolePages.LEAVING, ConsoleSessions.Via.class).orElse(ConsoleSessions.Via.ENTRA);
        if (via == ConsoleSessions.Via.TEAMS) {
            MutableHttpResponse<?> out = ConsolePages.secured(HttpResponse.seeOther(URI.create(SIGNED_OUT_OF_TAB)));
            // a partitioned cookie is only replaced by one with the same attributes
            out.getHeaders().add("Set-Cookie", SignInResponses.tabCookie(ConsoleFilter.SESSION_COOKIE, "", "/console", Duration.ZERO));
            return out;
        }
        MutableHttpResponse<?> out = ConsolePages.secured(HttpResponse.seeOther(URI.create("/console/signed-out")));
        return out.cookie(responses.cookie(ConsoleFilter.SESSION_COOKIE, "", "/console", Duration.ZERO));
    }

    /** In the Teams tab ({@code from=teams}) signing in again is the tab's own sign-in, not the browser's. */
    @Get("/signed-out")
    MutableHttpResponse<String> signedOut(HttpRequest<?> request, @Nullable @QueryValue String from) {
        return pages.page(request, "console/signed-out", "", Map.of("inTab", "teams".equals(from)));
    }

    /** Only a console path of this service: never another host ("//evil", "https://…") or a header injection. */
    @Nullable
    static String safeReturn(@Nullable String returnTo) {
        if (returnTo == null || returnTo.length() > 400 || !returnTo.startsWith("/console") || returnTo.startsWith("//")
                || returnTo.contains("\\") || returnTo.chars().anyMatch(ch -> ch < 0x20)) {
            return null;
        }
        return returnTo;
    }
}
