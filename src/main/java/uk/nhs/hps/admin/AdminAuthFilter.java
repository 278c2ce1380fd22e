package uk.nhs.hps.admin;

import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.SignInIdentities;
import uk.nhs.hps.people.Person;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Every admin API request carries an Entra ID bearer token of a programme-team member, or (only in the
 * {@code dev} environment) the configured dev token. The OpenAPI description is public.
 */
@ServerFilter(AdminAuthFilter.PATTERN)
class AdminAuthFilter {

    static final String PATTERN = "/admin/api/**";
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuthFilter.class);

    private final EntraTokens tokens;
    private final AdminAuthSettings settings;
    private final SignInIdentities identities;
    private final Access access;
    private final boolean dev;

    AdminAuthFilter(EntraTokens tokens, AdminAuthSettings settings, SignInIdentities identities, Access access,
                    Environment environment) {
        this.tokens = tokens;
        this.settings = settings;
        this.identities = identities;
        this.access = access;
        this.dev = environment.getActiveNames().contains("dev");
        if (settings.hasDevToken() && !dev) {
            LOG.warn("ADMIN_DEV_TOKEN is set outside the dev environment; it is ignored and refused");
        }
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (request.getPath().equals("/admin/api/openapi.yml")) {
            return null;
        }
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            return unauthorized("A bearer token is required.");
        }
        String token = header.substring(7).trim();
        if (settings.hasDevToken() && constantTimeEquals(token, settings.devToken().trim())) {
            if (!dev) {
                return unauthorized("The dev token is accepted only in the dev environment.");
            }
            request.setAttribute(AdminPrincipal.ATTRIBUTE, AdminPrincipal.devToken());
            return null;
        }
        EntraTokens.Identity identity;
        try {
            identity = tokens.verify(token);
        } catch (EntraTokens.Rejected e) {
            LOG.info("Admin API token refused: {}", e.getMessage());
            return unauthorized(e.getMessage());
        }
        Optional<Person> person = identities.personOf(identity.objectId(), identity.email(), "admin API");
        if (person.isEmpty() || !access.isProgrammeTeam(person.get().id())) {
            // one answer for "not a member" and "member's address on another account": no oracle for addresses
            return HttpResponse.status(HttpStatus.FORBIDDEN)
                    .body(new AdminProblem("The admin API is for programme-team members only."));
        }
        request.setAttribute(AdminPrincipal.ATTRIBUTE,
                new AdminPrincipal(person.get().id(), uk.nhs.hps.audit.AuditLog.person(person.get().id())));
        return null;
    }

    private static MutableHttpResponse<AdminProblem> unauthorized(String reason) {
        return HttpResponse.<AdminProblem>status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .body(new AdminProblem(reason));
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
