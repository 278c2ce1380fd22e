package uk.nhs.hps.admin;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.AccessDenied;
import uk.nhs.hps.access.Conflict;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.access.NotFound;

/** Domain refusals become clear JSON errors with the right status; nothing was written when they are thrown. */
final class AdminErrors {

    private AdminErrors() {
    }

    private static HttpResponse<AdminProblem> problem(HttpStatus status, String message) {
        return HttpResponse.<AdminProblem>status(status).body(new AdminProblem(message));
    }

    @Produces
    @Singleton
    @Requires(classes = {NotFound.class, ExceptionHandler.class})
    static class NotFoundHandler implements ExceptionHandler<NotFound, HttpResponse<AdminProblem>> {
        @Override
        public HttpResponse<AdminProblem> handle(HttpRequest request, NotFound e) {
            return problem(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {Conflict.class, ExceptionHandler.class})
    static class ConflictHandler implements ExceptionHandler<Conflict, HttpResponse<AdminProblem>> {
        @Override
        public HttpResponse<AdminProblem> handle(HttpRequest request, Conflict e) {
            return problem(HttpStatus.CONFLICT, e.getMessage());
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {InvalidRequest.class, ExceptionHandler.class})
    static class InvalidRequestHandler implements ExceptionHandler<InvalidRequest, HttpResponse<AdminProblem>> {
        @Override
        public HttpResponse<AdminProblem> handle(HttpRequest request, InvalidRequest e) {
            return problem(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {AccessDenied.class, ExceptionHandler.class})
    static class AccessDeniedHandler implements ExceptionHandler<AccessDenied, HttpResponse<AdminProblem>> {
        @Override
        public HttpResponse<AdminProblem> handle(HttpRequest request, AccessDenied e) {
            return problem(HttpStatus.FORBIDDEN, e.getMessage());
        }
    }
}
