package uk.nhs.hps.privacy;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.audit.AuditLog;

import java.util.Map;
import java.util.Optional;

/** Serves a person's own data export behind a short-lived signed link sent to them by the bot. */
@Hidden
@Controller("/privacy/my-data")
class PersonalDataLinkController {

    @Serdeable
    record Problem(String error) {
    }

    private final DataLinks links;
    private final ExportingPersonalData exporting;
    private final Access access;

    PersonalDataLinkController(DataLinks links, ExportingPersonalData exporting, Access access) {
        this.links = links;
        this.exporting = exporting;
        this.access = access;
    }

    @Get(value = "/{token}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> download(@PathVariable String token) {
        DataLinks.Result checked = links.check(token);
        if (checked.personId().isEmpty()) {
            return checked.refusal() == DataLinks.Refusal.EXPIRED
                    ? HttpResponse.status(HttpStatus.GONE).body(new Problem("This link has expired. Type \"my data\" in Teams for a new one."))
                    : HttpResponse.notFound(new Problem("This link is not valid."));
        }
        long personId = checked.personId().getAsLong();
        if (!access.may(personId, Action.EXPORT_PERSONAL_DATA, personId)) {
            // issued before the person left: the link dies with their access
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(new Problem(DataLinks.NO_LONGER_VALID));
        }
        Optional<Map<String, Object>> export = exporting.export(personId, AuditLog.person(personId),
                "own data downloaded through a signed link");
        if (export.isEmpty()) {
            return HttpResponse.notFound(new Problem("This link is not valid."));
        }
        return HttpResponse.ok(export.get())
                .header("Content-Disposition", "attachment; filename=\"hps-my-data.json\"")
                .header("Cache-Control", "no-store");
    }
}
