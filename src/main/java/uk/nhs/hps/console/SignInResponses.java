package uk.nhs.hps.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** How a sign-in's outcome is answered (Entra ID and dev sign-in alike), and the console's cookies. */
@Singleton
class SignInResponses {

    private final ConsolePages pages;
    private final ConsoleSettings settings;

    SignInResponses(ConsolePages pages, ConsoleSettings settings) {
        this.pages = pages;
        this.settings = settings;
    }

    /** A session cookie for a sign-in that succeeded; the 403 page for someone not on the programme team. */
    MutableHttpResponse<?> answer(HttpRequest<?> request, SigningIn.Outcome outcome) {
        if (outcome instanceof SigningIn.Opened opened) {
            String to = opened.returnTo() == null ? "/console" : opened.returnTo();
            return ConsolePages.secured(HttpResponse.seeOther(URI.create(to))
                    .cookie(cookie(ConsoleFilter.SESSION_COOKIE, opened.cookieValue(), "/console", settings.sessionLength())));
        }
        if (outcome instanceof SigningIn.Refused refused) {
            Map<String, Object> model = new HashMap<>();
            model.put("name", refused.displayName());
            model.put("signedIn", false);
            return pages.render(request, HttpStatus.FORBIDDEN, "console/forbidden", "", model);
        }
        return pages.render(request, HttpStatus.UNAUTHORIZED, "console/sign-in-failed", "",
                Map.of("why", ((SigningIn.Failed) outcome).why()));
    }

    /**
     * The tab's answer: a session in a tab cookie and on to the overview; the 403 page for someone not on the
     * programme team; otherwise the tab page saying why, with the way to sign in in a browser instead.
     */
    MutableHttpResponse<?> answerInTab(HttpRequest<?> request, SigningIn.Outcome outcome) {
        if (outcome instanceof SigningIn.Opened opened) {
            MutableHttpResponse<?> response = ConsolePages.secured(HttpResponse.seeOther(URI.create("/console")));
            response.getHeaders().add("Set-Cookie", tabCookie(ConsoleFilter.SESSION_COOKIE, opened.cookieValue(), "/console",
                    settings.sessionLength()));
            return response;
        }
        if (outcome instanceof SigningIn.Failed failed) {
            Map<String, Object> model = new HashMap<>();
            model.put("why", failed.why());
            return pages.render(request, HttpStatus.UNAUTHORIZED, "console/tab", "", model);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("name", ((SigningIn.Refused) outcome).displayName());
        model.put("signedIn", false);
        model.put("inTab", true);
        return pages.render(request, HttpStatus.FORBIDDEN, "console/forbidden", "", model);
    }

    /**
     * A cookie for the Teams tab, where the console is a frame inside a Teams page on another site: SameSite=None,
     * or the browser would not send it from the frame at all, and therefore Secure (always: browsers drop a
     * SameSite=None cookie that is not). Partitioned (CHIPS): the browser keeps it apart, keyed to the Teams site
     * around the frame, so it is not sent when another site frames or posts to the console, it survives browsers
     * that block ordinary third-party cookies, and it never mixes with the browser sign-in's Lax cookie. Forms stay
     * protected by the session's CSRF token and the Origin check, which do not depend on the cookie.
     * Written by hand: Micronaut's cookie has no Partitioned attribute.
     */
    static String tabCookie(String name, String value, String path, Duration maxAge) {
        return name + "=" + value + "; Max-Age=" + maxAge.toSeconds() + "; Path=" + path
                + "; Secure; HttpOnly; SameSite=None; Partitioned";
    }

    /**
     * Lax, not Strict: the browser comes back from Microsoft's sign-in page (another site) to the callback, and
     * links to the console from Teams or e-mail should open signed in. Cross-site form posts are refused by the
     * CSRF token and the Origin check, not by the cookie.
     */
    Cookie cookie(String name, String value, String path, Duration maxAge) {
        return Cookie.of(name, value).httpOnly(true).secure(settings.secureCookie()).sameSite(SameSite.Lax).path(path).maxAge(maxAge);
    }
}
