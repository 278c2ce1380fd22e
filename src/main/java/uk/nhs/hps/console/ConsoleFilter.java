package uk.nhs.hps.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The console's door, on every request: who is signed in (session cookie), whether they are a current
 * programme-team member (asked every time, so a removed member loses the console at once), and, for every
 * state-changing request, a CSRF token that matches their session (or, before sign-in, the sign-in cookie).
 * Cross-site requests are refused outright when the browser says where they come from ({@code Origin}).
 */
@ServerFilter({"/console", "/console/**"})
class ConsoleFilter {

    static final String SESSION_COOKIE = "hps_console";
    static final String LOGIN_COOKIE = "hps_console_login";
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /**
     * Pages anyone may open: sign-in, its callback, the dev sign-in (which exists only in dev), the Teams tab's
     * sign-in page and its form, assets.
     */
    private static final Set<String> PUBLIC = Set.of("/console/sign-in", "/console/sign-in/entra", "/console/auth/callback",
            "/console/dev-sign-in", "/console/signed-out", TeamsTabController.PAGE, TeamsTabController.SIGN_IN);

    private final SigningIn signingIn;
    private final ConsolePages pages;

    ConsoleFilter(SigningIn signingIn, ConsolePages pages) {
        this.signingIn = signingIn;
        this.pages = pages;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request, @Nullable @Body String body) {
        String path = request.getPath();
        if (path.startsWith("/console/assets/")) {
            return null;
        }
        boolean changes = !(request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD
                || request.getMethod() == HttpMethod.OPTIONS);
        if (changes && crossSite(request)) {
            return refused(request, "This form was sent from another website, so nothing was changed.");
        }
        if (PUBLIC.contains(path)) {
            if (changes && !tokenMatches(request, body, cookie(request, LOGIN_COOKIE).orElse(null))) {
                return refused(request, "This form has expired. Please go back, reload the page and try again.");
            }
            return null;
        }
        SigningIn.Current current = signingIn.current(cookie(request, SESSION_COOKIE).orElse(null));
        if (current instanceof SigningIn.NotSignedIn) {
            if (changes) {
                return refused(request, "Your session has ended, so nothing was changed. Please sign in again.");
            }
            String back = request.getUri().getRawQuery() == null ? path : path + "?" + request.getUri().getRawQuery();
            return HttpResponse.seeOther(URI.create("/console/sign-in?return=" + java.net.URLEncoder.encode(back, StandardCharsets.UTF_8)));
        }
        if (current instanceof SigningIn.NotAMember notAMember) {
            // someone removed from the team may still end their own session, and nothing else
            if (SignInController.SIGN_OUT.equals(path) && request.getMethod() == HttpMethod.POST
                    && tokenMatches(request, body, notAMember.csrfToken())) {
                request.setAttribute(ConsolePages.LEAVING, notAMember.via());
                return null;
            }
            return pages.render(request, HttpStatus.FORBIDDEN, "console/forbidden", "",
                    Map.of("name", notAMember.displayName(), "signedIn", true, "csrf", notAMember.csrfToken(),
                            "inTab", notAMember.via() == ConsoleSessions.Via.TEAMS));
        }
        SigningIn.Member member = ((SigningIn.SignedIn) current).member();
        if (changes && !tokenMatches(request, body, member.csrfToken())) {
            return refused(request, "This form has expired or did not come from this console, so nothing was changed."
                    + " Please go back, reload the page and try again.");
        }
        request.setAttribute(ConsolePages.MEMBER, member);
        return null;
    }

    private HttpResponse<?> refused(HttpRequest<?> request, String why) {
        return pages.render(request, HttpStatus.FORBIDDEN, "console/refused", "", Map.of("why", why));
    }

    /**
     * The header (htmx, scripts), else the form field: of a url-encoded form, or the {@code _csrf} part of a multipart
     * form (a file upload sent by a browser without JavaScript); compared in constant time.
     */
    private static boolean tokenMatches(HttpRequest<?> request, @Nullable String body, @Nullable String expected) {
        if (expected == null || expected.isBlank()) {
            return false;
        }
        String given = request.getHeaders().get(CSRF_HEADER);
        Optional<MediaType> type = request.getContentType();
        if (given == null && body != null && type.map(t -> t.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)).orElse(false)) {
            given = formField(body, CSRF_FIELD);
        } else if (given == null && body != null && type.map(t -> t.matches(MediaType.MULTIPART_FORM_DATA_TYPE)).orElse(false)) {
            given = multipartField(body, type.get().getParameters().get("boundary").orElse(null), CSRF_FIELD);
        }
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A small text part of a multipart body (RFC 7578), read from the filter's copy of the body: the controller still
     * binds the parts itself. Only a part named exactly {@code name} with no file name counts; the first one wins.
     */
    @Nullable
    static String multipartField(String body, @Nullable String boundary, String name) {
        if (boundary == null || boundary.isEmpty()) {
            return null;
        }
        if (boundary.length() > 1 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
            boundary = boundary.substring(1, boundary.length() - 1);
        }
        // each part follows CRLF "--" boundary; a CRLF in front lets the first part be found like the others
        String text = "\r\n" + body;
        String delimiter = "\r\n--" + boundary;
        int at = text.indexOf(delimiter);
        while (at >= 0) {
            int afterDelimiter = at + delimiter.length();
            if (text.startsWith("--", afterDelimiter)) {
                return null; // the closing delimiter
            }
            int headersStart = text.indexOf("\r\n", afterDelimiter);
            int headersEnd = headersStart < 0 ? -1 : text.indexOf("\r\n\r\n", headersStart);
            int next = headersEnd < 0 ? -1 : text.indexOf(delimiter, headersEnd + 4);
            if (next < 0) {
                return null;
            }
            if (isFieldNamed(text.substring(headersStart + 2, Math.max(headersStart + 2, headersEnd)), name)) {
                return text.substring(headersEnd + 4, next);
            }
            at = next;
        }
        return null;
    }

    private static boolean isFieldNamed(String headers, String name) {
        for (String header : headers.split("\r\n")) {
            String lower = header.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-disposition:")) {
                return lower.contains("form-data") && header.contains("name=\"" + name + "\"") && !lower.contains("filename");
            }
        }
        return false;
    }

    private static String formField(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** A browser's Origin (or, without it, Referer) naming another host than the one asked. */
    private static boolean crossSite(HttpRequest<?> request) {
        String origin = Optional.ofNullable(request.getHeaders().get("Origin")).orElse(request.getHeaders().get("Referer"));
        String host = request.getHeaders().get("Host");
        if (origin == null || origin.equals("null") || host == null) {
            return origin != null && origin.equals("null");
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return authority == null || !authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    static Optional<String> cookie(HttpRequest<?> request, String name) {
        return request.getCookies().findCookie(name).map(Cookie::getValue);
    }
}
