package uk.nhs.hps.console;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A signed-in console session over plain HTTP (dev sign-in), for tests of pages' controllers: no redirects followed. */
final class ConsoleHttp {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private String cookie;
    private String csrf;

    ConsoleHttp(String base) {
        this.base = base;
    }

    /** Signs in as the person through the dev sign-in page; their session's CSRF token is read from a page. */
    ConsoleHttp signIn(long personId) {
        HttpResponse<String> page = get("/console/dev-sign-in");
        String login = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("hps_console_login="))
                .map(c -> c.substring(c.indexOf('=') + 1, c.indexOf(';'))).findFirst().orElseThrow();
        cookie = "hps_console_login=" + login;
        HttpResponse<String> signedIn = postForm("/console/dev-sign-in", "person=" + personId + "&_csrf=" + enc(login));
        cookie = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("hps_console=") && !c.startsWith("hps_console=;"))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get("/console").body());
        csrf = m.find() ? m.group(1) : null;
        return this;
    }

    String csrf() {
        return csrf;
    }

    HttpResponse<String> get(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return send(b.build());
    }

    /** A GET whose body is kept as bytes (a PDF download). */
    HttpResponse<byte[]> bytes(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A form post; the session's CSRF token is added unless the form names its own {@code _csrf}. */
    HttpResponse<String> post(String path, String form) {
        String body = form.contains("_csrf=") || csrf == null ? form : (form.isEmpty() ? "" : form + "&") + "_csrf=" + enc(csrf);
        return postForm(path, body);
    }

    private HttpResponse<String> postForm(String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return send(b.build());
    }

    /** A file upload as htmx sends it: multipart, the CSRF token in the header ({@code token} null: none). */
    HttpResponse<String> upload(String path, String fileName, byte[] content, String token) {
        String boundary = "----hps" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("HX-Request", "true")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("X-CSRF-Token", token);
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return send(b.build());
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
