package uk.nhs.hps.admin;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Serves the OpenAPI description generated at build time from the admin controllers. */
@OpenAPIDefinition(
        info = @Info(title = "HPS Companion admin API", version = "1",
                description = "Roster, cohorts, programme team and personal-data rights for the NHS High Potential Scheme."
                        + " Every call needs a Microsoft Entra ID bearer token of a programme-team member."),
        security = @SecurityRequirement(name = "entra"))
@SecurityScheme(name = "entra", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
@Hidden
@Controller("/admin/api")
class OpenApiController {

    static final String RESOURCE = "/META-INF/swagger/hps-companion-admin-api-1.yml";

    private volatile String document;

    @Get(value = "/openapi.yml", produces = "application/yaml")
    HttpResponse<String> openApi() {
        return HttpResponse.ok(load());
    }

    private String load() {
        if (document == null) {
            try (InputStream in = OpenApiController.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("The OpenAPI description was not generated into " + RESOURCE);
                }
                document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return document;
    }
}
