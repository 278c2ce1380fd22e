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
import uk.nhs.hps.privacy.DataLinks;

/** Serves a participant's reflective log export behind the short-lived link the bot sent them. */
@Hidden
@Controller("/reflection/export")
class ReflectionExportController {

    private final ReflectionExports exports;

    ReflectionExportController(ReflectionExports exports) {
        this.exports = exports;
    }

    @Get("/{token}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> download(@PathVariable String token, @QueryValue(defaultValue = "pdf") String format) {
        ReflectionExports.Download download = exports.download(token, format);
        if (download instanceof ReflectionExports.Download.Expired) {
            return HttpResponse.status(HttpStatus.GONE).contentType(MediaType.TEXT_PLAIN_TYPE)
                    .body("This link has expired. Type \"export reflections\" in Teams for a new one.");
        }
        if (download instanceof ReflectionExports.Download.NoLongerAllowed) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN_TYPE)
                    .body(DataLinks.NO_LONGER_VALID);
        }
        if (!(download instanceof ReflectionExports.Download.File file)) {
            return HttpResponse.notFound().contentType(MediaType.TEXT_PLAIN_TYPE).body("This link is not valid.");
        }
        if (file.format() == ReflectionExports.Format.MARKDOWN) {
            return HttpResponse.ok(file.body())
                    .contentType("text/markdown; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"reflective-log.md\"")
                    .header("Cache-Control", "no-store");
        }
        return HttpResponse.ok(file.body())
                .contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"reflective-log.pdf\"")
                .header("Cache-Control", "no-store");
    }
}
