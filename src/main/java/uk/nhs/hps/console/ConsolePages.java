package uk.nhs.hps.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders console pages (Thymeleaf templates under {@code views/}) with what every page's layout needs: the
 * signed-in member, their CSRF token, which navigation item is current. Every page is sent with the same security
 * headers: no caching of personal data, a strict content security policy (scripts and styles only from the jar).
 */
@Singleton
public class ConsolePages {

    /** The request attribute holding the signed-in {@link SigningIn.Member}, set by {@link ConsoleFilter}. */
    public static final String MEMBER = "hps.console.member";
    /** Set instead of {@link #MEMBER} on a sign-out by someone no longer on the team: how their session was opened. */
    static final String LEAVING = "hps.console.leaving";
    /**
     * Who may frame the console: itself, and the Teams and Microsoft 365 hosts Microsoft documents for tabs ("Tab
     * requirements": Teams, the cloud.microsoft hosts Teams, Outlook and Microsoft 365 are moving to, Microsoft 365
     * and Outlook on the web), so the Teams tab works and no other site can frame it (clickjacking).
     */
    static final String FRAME_ANCESTORS = "'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft"
            + " https://*.microsoft365.com https://*.office.com https://outlook.office365.com";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors " + FRAME_ANCESTORS;

    private final ThymeleafViewsRenderer<Map<String, Object>> renderer;
    private final Map<String, String> assets;

    ConsolePages(ThymeleafViewsRenderer<Map<String, Object>> renderer) {
        this.renderer = renderer;
        this.assets = Map.of(
                "htmx", webjar("htmx.org", "dist/htmx.min.js"),
                "chart", webjar("chart.js", "dist/chart.umd.js"));
    }

    /** A file of a webjar in the jar, under its version (read from the webjar itself, so a version bump needs no edit). */
    static String webjar(String name, String file) {
        String properties = "META-INF/maven/org.webjars.npm/" + name + "/pom.properties";
        try (java.io.InputStream in = ConsolePages.class.getClassLoader().getResourceAsStream(properties)) {
            if (in == null) {
                throw new IllegalStateException("The " + name + " webjar is missing from the classpath");
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return "/console/assets/webjars/" + name + "/" + p.getProperty("version") + "/" + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A page for the signed-in member; {@code section} marks the current navigation item. */
    public MutableHttpResponse<String> page(HttpRequest<?> request, String view, String section, Map<String, Object> model) {
        return render(request, HttpStatus.OK, view, section, model);
    }

    public MutableHttpResponse<String> render(HttpRequest<?> request, HttpStatus status, String view, String section,
                                              Map<String, Object> model) {
        Map<String, Object> all = new HashMap<>(model);
        request.getAttribute(MEMBER, SigningIn.Member.class).ifPresent(m -> {
            all.put("member", m);
            all.put("csrf", m.csrfToken());
        });
        all.put("section", section);
        all.put("assets", assets);
        StringWriter out = new StringWriter();
        try {
            renderer.render(view, all, request).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return secured(HttpResponse.<String>status(status).contentType(MediaType.TEXT_HTML_TYPE + ";charset=utf-8")
                .body(out.toString()));
    }

    static <T> MutableHttpResponse<T> secured(MutableHttpResponse<T> response) {
        return response.header("Cache-Control", "no-store")
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin");
    }
}
