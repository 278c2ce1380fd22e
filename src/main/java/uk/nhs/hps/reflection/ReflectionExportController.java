package uk.nhs.hps.reflection;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.privacy.DataLinks;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Serves a participant's reflective log export behind the short-lived link the bot sent them. */
@Hidden
@Controller("/reflection/export")
class ReflectionExportController {

    private final DataLinks links;
    private final PersonRepository people;
    private final ReflectionExports exports;
    private final AuditLog audit;
    private final Access access;

    ReflectionExportController(DataLinks links, PersonRepository people, ReflectionExports exports, AuditLog audit,
                               Access access) {
        this.access = access;
        this.links = links;
        this.people = people;
        this.exports = exports;
        this.audit = audit;
    }

    @Get("/{token}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> download(@PathVariable String token, @QueryValue(defaultValue = "pdf") String format) {
        DataLinks.Result checked = links.check(token, ReflectionExports.PURPOSE);
        if (checked.personId().isEmpty()) {
            return checked.refusal() == DataLinks.Refusal.EXPIRED
                    ? HttpResponse.status(HttpStatus.GONE).contentType(MediaType.TEXT_PLAIN_TYPE)
                        .body("This link has expired. Type \"export reflections\" in Teams for a new one.")
                    : HttpResponse.notFound().contentType(MediaType.TEXT_PLAIN_TYPE).body("This link is not valid.");
        }
        Optional<Person> person = people.findById(checked.personId().getAsLong()).filter(p -> p.anonymisedAt() == null);
        if (person.isEmpty() || !(format.equals("pdf") || format.equals("md"))) {
            return HttpResponse.notFound().contentType(MediaType.TEXT_PLAIN_TYPE).body("This link is not valid.");
        }
        if (!access.may(person.get().id(), Action.EXPORT_PERSONAL_DATA, person.get().id())) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN_TYPE)
                    .body(DataLinks.NO_LONGER_VALID);
        }
        ReflectionExports.Contents contents = exports.contents(person.get());
        audit.record(AuditLog.person(person.get().id()), "REFLECTIVE_LOG_EXPORT", person.get().id(), "own log as " + format);
        if (format.equals("md")) {
            return HttpResponse.ok(exports.markdown(contents).getBytes(StandardCharsets.UTF_8))
                    .contentType("text/markdown; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"reflective-log.md\"")
                    .header("Cache-Control", "no-store");
        }
        return HttpResponse.ok(exports.pdf(contents))
                .contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"reflective-log.pdf\"")
                .header("Cache-Control", "no-store");
    }
}
