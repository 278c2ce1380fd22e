package uk.nhs.hps.faq;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.admin.AdminGate;
import uk.nhs.hps.admin.AdminPrincipal;
import uk.nhs.hps.audit.AuditLog;

import java.time.Instant;
import java.util.List;

/** The programme team curates the FAQ: entries, re-import of the shipped file, gaps, and why a question matched. */
@Tag(name = "FAQ")
@Controller("/admin/api/faq")
@ExecuteOn(TaskExecutors.BLOCKING)
class FaqAdminController {

    @Serdeable
    record EntryView(String id, String category, String question, List<String> alternatives, String answer,
                     String source, boolean enabled, Instant updatedAt, List<String> topics) {
        static EntryView of(KnowledgeEntry e) {
            return new EntryView(e.id(), e.category(), e.question(), e.alternatives(), e.answer(), e.source(),
                    e.enabled(), e.updatedAt(), e.topics());
        }
    }

    @Serdeable
    record EntryRequest(@Nullable String category, String question, @Nullable List<String> alternatives, String answer,
                        @Nullable String source, @Nullable Boolean enabled, @Nullable List<String> topics) {
    }

    @Serdeable
    record GapView(String question, long times, Instant lastAsked) {
    }

    @Serdeable
    record Explanation(String question, String outcome, double confidence, String explanation, List<String> topEntries) {
    }

    @Serdeable
    record Reimported(int entries) {
    }

    private static final int MAX_ID = 80;

    /** Audit action for every change the programme team makes to the FAQ through this API. */
    static final String FAQ_EDIT = CuratingFaq.FAQ_EDIT;

    private final KnowledgeBase knowledgeBase;
    private final CuratingFaq curating;
    private final AdminGate gate;
    private final AuditLog audit;

    FaqAdminController(KnowledgeBase knowledgeBase, CuratingFaq curating, AdminGate gate, AuditLog audit) {
        this.knowledgeBase = knowledgeBase;
        this.curating = curating;
        this.gate = gate;
        this.audit = audit;
    }

    @Get("/entries")
    List<EntryView> entries(@Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_FAQ, null, "list FAQ entries");
        return knowledgeBase.index().entries().stream().map(EntryView::of).toList();
    }

    @Get("/entries/{id}")
    EntryView entry(String id, @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_FAQ, null, "read FAQ entry");
        return EntryView.of(knowledgeBase.find(id).orElseThrow(() -> new NotFound("No FAQ entry '" + id + "'.")));
    }

    /** Creates or replaces an entry; live in the index at once. */
    @Put("/entries/{id}")
    EntryView save(String id, @Body EntryRequest request,
                   @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_FAQ, null, "edit FAQ entry");
        if (!id.matches("[a-z0-9][a-z0-9-]*") || id.length() > MAX_ID) {
            throw new InvalidRequest("An entry id is lower-case letters, digits and hyphens, at most " + MAX_ID + " characters.");
        }
        if (request.question() == null || request.question().isBlank()) {
            throw new InvalidRequest("The entry needs a question.");
        }
        if (request.answer() == null || request.answer().isBlank()) {
            throw new InvalidRequest("The entry needs an answer.");
        }
        if (request.question().length() > 500 || request.answer().length() > 20_000) {
            throw new InvalidRequest("Keep the question under 500 characters and the answer under 20,000.");
        }
        java.util.Optional<KnowledgeEntry> before = knowledgeBase.find(id);
        KnowledgeEntry saved = knowledgeBase.save(new KnowledgeEntry(id, request.category(), request.question().strip(),
                request.alternatives(), request.answer().strip(), request.source() == null ? "Programme team" : request.source(),
                request.enabled() == null || request.enabled(), null,
                request.topics() != null ? request.topics() : before.map(KnowledgeEntry::topics).orElse(null)),
                FaqStore.Origin.PROGRAMME_TEAM, admin.actor());
        audit.record(admin.actor(), FAQ_EDIT, null, (before.isPresent() ? "edited" : "added") + " FAQ entry " + id
                + (before.isPresent() && !before.get().answer().equals(saved.answer()) ? " (answer text changed)" : ""));
        return EntryView.of(saved);
    }

    @Post("/entries/{id}/disable")
    EntryView disable(String id, @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        return enabled(id, false, admin);
    }

    @Post("/entries/{id}/enable")
    EntryView enable(String id, @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        return enabled(id, true, admin);
    }

    /** Loads the knowledge-base file shipped in this version again (entries edited here are overwritten). */
    @Post("/reimport")
    Reimported reimport(@Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_FAQ, null, "re-import FAQ");
        Reimported done = new Reimported(knowledgeBase.reimport(admin.actor()));
        audit.record(admin.actor(), FAQ_EDIT, null, "re-imported the shipped FAQ (" + done.entries() + " entries)");
        return done;
    }

    /** Questions the FAQ could not answer confidently, most asked first: what to write next. */
    @Get("/gaps")
    List<GapView> gaps(@QueryValue(defaultValue = "50") int limit,
                       @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_FAQ, null, "FAQ gaps");
        return curating.gaps(Math.max(1, Math.min(limit, 500))).stream()
                .map(g -> new GapView(g.normalised(), g.times(), g.lastAsked())).toList();
    }

    /** Why a question matches what it matches: corrections, synonyms, scores of the top entries. */
    @Get("/explain")
    Explanation explain(@QueryValue String q,
                        @Parameter(hidden = true) @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_FAQ, null, "explain FAQ match");
        if (q.isBlank() || q.length() > 500) {
            throw new InvalidRequest("Give a question of 1 to 500 characters in q.");
        }
        MatchResult result = knowledgeBase.index().match(q);
        return new Explanation(q, result.outcome().name(), result.confidence(), result.explain(),
                result.candidates().stream().limit(3).map(c -> c.entry().id()).toList());
    }

    private EntryView enabled(String id, boolean enabled, AdminPrincipal admin) {
        gate.require(admin, Action.MANAGE_FAQ, null, enabled ? "enable FAQ entry" : "disable FAQ entry");
        if (!knowledgeBase.setEnabled(id, enabled, admin.actor())) {
            throw new NotFound("No FAQ entry '" + id + "'.");
        }
        audit.record(admin.actor(), FAQ_EDIT, null, (enabled ? "enabled" : "disabled") + " FAQ entry " + id);
        return EntryView.of(knowledgeBase.find(id).orElseThrow());
    }
}
