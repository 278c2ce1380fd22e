package uk.nhs.hps.talent;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import uk.nhs.hps.access.Conflict;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.console.ConsolePages;
import uk.nhs.hps.console.SigningIn;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The console's talent pages (issue 16, page 2), programme team only: the 9-box heat map, movement between two
 * cycles, the moderation queue and the outstanding conversations ({@link ReviewingTalent}); marking a placement
 * moderated or fed back goes through {@link TalentReports#advanceInCohort}, as the admin API's steps do.
 */
@Hidden
@Controller("/console/talent")
@ExecuteOn(TaskExecutors.BLOCKING)
class TalentConsoleController {

    private static final String SECTION = "talent";
    private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED;

    private final ReviewingTalent talent;
    private final TalentReports reports;
    private final ConsolePages pages;

    TalentConsoleController(ReviewingTalent talent, TalentReports reports, ConsolePages pages) {
        this.talent = talent;
        this.reports = reports;
        this.pages = pages;
    }

    @Get
    MutableHttpResponse<String> heatMap(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                        @Nullable @QueryValue String cohort, @Nullable @QueryValue String cycle,
                                        @Nullable @QueryValue String stream, @Nullable @QueryValue String organisation) {
        return view(request, cohort, id -> talent.heatMap(member.personId(), id, cycle, stream, organisation),
                h -> pages.page(request, "talent/heatmap", SECTION, TalentConsoleModels.heatMap(h)));
    }

    @Get("/movement")
    MutableHttpResponse<String> movement(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                         @Nullable @QueryValue String cohort, @Nullable @QueryValue String from,
                                         @Nullable @QueryValue String to) {
        return view(request, cohort, id -> talent.movement(member.personId(), id, from, to),
                m -> pages.page(request, "talent/movement", SECTION, TalentConsoleModels.movement(m)));
    }

    @Get("/queue")
    MutableHttpResponse<String> queue(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                      @Nullable @QueryValue String cohort, @Nullable @QueryValue String cycle,
                                      @Nullable @QueryValue String done, @Nullable @QueryValue String review) {
        return view(request, cohort, id -> talent.queue(member.personId(), id, cycle), q -> {
            Map<String, Object> m = TalentConsoleModels.queue(q);
            Long reviewId = number(review);
            // the name is looked up, not carried in the address (addresses end up in logs)
            String name = java.util.stream.Stream.concat(q.awaitingModeration().stream(), q.awaitingFeedback().stream())
                    .filter(i -> reviewId != null && i.reviewId() == reviewId).map(ReviewingTalent.QueueItem::participantName)
                    .findFirst().orElse(null);
            m.put("done", doneMessage(done, name));
            return pages.page(request, "talent/queue", SECTION, m);
        });
    }

    @Get("/outstanding")
    MutableHttpResponse<String> outstanding(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                            @Nullable @QueryValue String cohort, @Nullable @QueryValue String cycle) {
        return view(request, cohort, id -> talent.outstanding(member.personId(), id, cycle),
                o -> pages.page(request, "talent/outstanding", SECTION, TalentConsoleModels.outstanding(o)));
    }

    @Post(value = "/reviews/{id}/moderated", consumes = FORM)
    MutableHttpResponse<String> moderated(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                          String id, @Nullable String cohort, @Nullable String cycle) {
        return step(request, member, id, cohort, cycle, TalentReview.Status.MODERATED);
    }

    /** Feedback asks first: the participant is told their placement in Teams. */
    @Post(value = "/reviews/{id}/fed-back", consumes = FORM)
    MutableHttpResponse<String> fedBack(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                        String id, @Nullable String cohort, @Nullable String cycle, @Nullable String confirm) {
        Long reviewId = number(id);
        Long cohortId = number(cohort);
        if (!"yes".equals(confirm) && reviewId != null && cohortId != null) {
            ReviewingTalent.QueueItem item;
            try {
                item = talent.review(member.personId(), cohortId, reviewId);
            } catch (NotFound e) {
                return problem(request, HttpStatus.NOT_FOUND, e.getMessage());
            }
            if (item.status().equals(TalentReview.Status.MODERATED.name())) {
                Map<String, Object> m = new HashMap<>();
                m.put("id", reviewId);
                m.put("cohort", cohortId);
                m.put("cycle", cycle == null ? "" : cycle.strip());
                m.put("name", item.participantName());
                m.put("agreed", item.agreedLabel() == null ? "" : item.agreedLabel());
                return pages.page(request, "talent/confirm-fed-back", SECTION, m);
            }
            // already fed back, or not moderated yet: the step below says so and changes nothing
        }
        return step(request, member, id, cohort, cycle, TalentReview.Status.FED_BACK);
    }

    private MutableHttpResponse<String> step(HttpRequest<?> request, SigningIn.Member member, String id, @Nullable String cohort,
                                             @Nullable String cycle, TalentReview.Status to) {
        Long reviewId = number(id);
        Long cohortId = number(cohort);
        if (reviewId == null || cohortId == null) {
            return problem(request, HttpStatus.NOT_FOUND, "There is no talent review " + shorten(id) + " in cohort " + shorten(cohort) + ".");
        }
        TalentReports.Step step;
        try {
            step = reports.advanceInCohort(cohortId, reviewId, to.name(), member.personId(), AuditLog.person(member.personId()));
        } catch (NotFound e) {
            return problem(request, HttpStatus.NOT_FOUND, e.getMessage());
        } catch (Conflict e) {
            return problem(request, HttpStatus.CONFLICT, e.getMessage());
        }
        String done = (step.already() ? "already-" : "") + (to == TalentReview.Status.MODERATED ? "moderated" : "fed-back");
        String query = "cohort=" + cohortId + (cycle == null || cycle.isBlank() ? "" : "&cycle=" + enc(cycle.strip()))
                + "&done=" + done + "&review=" + reviewId;
        return HttpResponse.seeOther(URI.create("/console/talent/queue?" + query + "#outcome"));
    }

    private <T> MutableHttpResponse<String> view(HttpRequest<?> request, @Nullable String cohort, Function<Long, Optional<T>> read,
                                                 Function<T, MutableHttpResponse<String>> render) {
        Long cohortId = cohort == null || cohort.isBlank() ? null : number(cohort);
        if (cohort != null && !cohort.isBlank() && cohortId == null) {
            return problem(request, HttpStatus.NOT_FOUND, "There is no cohort “" + shorten(cohort) + "”.");
        }
        Optional<T> found;
        try {
            found = read.apply(cohortId);
        } catch (NotFound e) {
            return problem(request, HttpStatus.NOT_FOUND, e.getMessage());
        } catch (InvalidRequest e) {
            return problem(request, HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return found.map(render).orElseGet(() -> pages.page(request, "cohort/no-cohorts", SECTION, Map.of()));
    }

    private MutableHttpResponse<String> problem(HttpRequest<?> request, HttpStatus status, String why) {
        Map<String, Object> m = new HashMap<>();
        m.put("why", why);
        return pages.render(request, status, "talent/problem", SECTION, m);
    }

    @Nullable
    private static String doneMessage(@Nullable String done, @Nullable String name) {
        if (done == null) {
            return null;
        }
        String whose = name == null ? "The" : name + "'s";
        return switch (done) {
            case "moderated" -> whose + " placement is marked moderated. It now waits for feedback.";
            case "fed-back" -> whose + " placement is marked fed back. The participant is told in Teams.";
            case "already-moderated" -> whose + " placement was already moderated, so nothing was changed.";
            case "already-fed-back" -> whose + " placement was already marked fed back, so nothing was changed.";
            default -> null;
        };
    }

    @Nullable
    private static Long number(@Nullable String text) {
        try {
            return text == null ? null : Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String shorten(@Nullable String text) {
        String t = text == null ? "" : text.strip();
        return t.length() > 20 ? t.substring(0, 20) + "…" : t;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
