package uk.nhs.hps.teams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.connector.authentication.AuthenticationException;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.RoleTypes;
import com.microsoft.bot.schema.Serialization;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The one way in: every activity from Teams arrives here. */
@Controller("/api/messages")
class BotController {

    private static final Logger LOG = LoggerFactory.getLogger(BotController.class);

    @Serdeable
    record Problem(String error) {
    }

    private final HpsBotAdapter adapter;
    private final TeamsBot bot;
    private final TeamsSettings settings;

    BotController(HpsBotAdapter adapter, TeamsBot bot, TeamsSettings settings) {
        this.adapter = adapter;
        this.bot = bot;
        this.settings = settings;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> receive(@Body @Nullable String body, @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
        if (body == null || body.isBlank()) {
            return HttpResponse.badRequest(new Problem("The request body must be a Bot Framework activity (JSON)."));
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > settings.maxBodyBytes()) {
            return HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                    .body(new Problem("The activity is larger than this bot accepts."));
        }
        Activity activity;
        try {
            com.fasterxml.jackson.databind.JsonNode tree = Serialization.jsonToTree(body);
            if (tree == null || !tree.isObject()) {
                return HttpResponse.badRequest(new Problem("The request body must be a JSON object (a Bot Framework activity)."));
            }
            activity = Serialization.treeToValue(tree, Activity.class);
        } catch (IOException | IllegalArgumentException e) {
            return HttpResponse.badRequest(new Problem("The request body is not valid activity JSON."));
        }
        if (activity == null || activity.getType() == null) {
            return HttpResponse.badRequest(new Problem("The activity has no type."));
        }
        String serviceUrlProblem = serviceUrlProblem(activity.getServiceUrl());
        if (serviceUrlProblem != null) {
            return HttpResponse.badRequest(new Problem(serviceUrlProblem));
        }
        if (activity.getRecipient() != null && activity.getRecipient().getRole() == null) {
            // The SDK's anonymous (dev) path dereferences recipient.role for emulator activities.
            activity.getRecipient().setRole(RoleTypes.BOT);
        }
        try {
            InvokeResponse invoke = adapter.processIncomingActivity(authorization, activity, bot).join();
            if (invoke == null) {
                return HttpResponse.accepted();
            }
            MutableHttpResponse<String> response = HttpResponse.status(HttpStatus.valueOf(invoke.getStatus()));
            return invoke.getBody() == null ? response
                    : response.body(Serialization.toString(invoke.getBody())).contentType(MediaType.APPLICATION_JSON_TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise an invoke response", e);
        } catch (RuntimeException e) {
            if (isAuthenticationFailure(e)) {
                LOG.info("Rejected an activity that failed authentication");
                return HttpResponse.unauthorized();
            }
            throw e;
        }
    }

    /** Replies go to the activity's serviceUrl, so one that is missing or not a web address cannot be served. */
    static String serviceUrlProblem(@Nullable String serviceUrl) {
        if (serviceUrl == null || serviceUrl.isBlank()) {
            return "The activity has no serviceUrl, so there is nowhere to reply.";
        }
        try {
            java.net.URI uri = new java.net.URI(serviceUrl.trim());
            boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            if (!web || uri.getHost() == null || uri.getHost().isBlank() || uri.getRawUserInfo() != null) {
                return "The activity's serviceUrl must be an absolute http(s) address.";
            }
            return null;
        } catch (java.net.URISyntaxException e) {
            return "The activity's serviceUrl is not a valid address.";
        }
    }

    private static boolean isAuthenticationFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            // the SDK lets a token that is not a JWT at all escape as the JWT library's decode error
            if (t instanceof AuthenticationException || t instanceof JWTDecodeException) {
                return true;
            }
        }
        return false;
    }
}
