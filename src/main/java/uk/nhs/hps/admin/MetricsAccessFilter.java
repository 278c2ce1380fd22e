package uk.nhs.hps.admin;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code /prometheus} answers only on the management port, when one is configured, or to a request with the
 * metrics bearer token; anyone else gets 401 (and the same answer whether or not a token is configured).
 */
@ServerFilter({"/prometheus", "/prometheus/**"})
class MetricsAccessFilter {

    private final MetricsSettings settings;
    private final Integer managementPort;

    MetricsAccessFilter(MetricsSettings settings, @Value("${endpoints.all.port:}") @Nullable Integer managementPort) {
        this.settings = settings;
        this.managementPort = managementPort;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        if (managementPort != null && managementPort > 0 && request.getServerAddress().getPort() == managementPort) {
            return null;
        }
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (settings.hasToken() && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                settings.token().trim().getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"metrics\"")
                .body(new AdminProblem("Metrics need the metrics bearer token, or the management port."));
    }
}
