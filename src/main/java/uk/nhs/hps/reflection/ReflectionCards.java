package uk.nhs.hps.reflection;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import uk.nhs.hps.conversation.CardTemplates;
import uk.nhs.hps.conversation.Markdown;
import uk.nhs.hps.conversation.PlainText;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.people.CareerTransition;
import uk.nhs.hps.scheme.Transitions;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The reflective log's Adaptive Cards. Card values are plain text unless marked {@link Markdown} (the bot's own). */
@Singleton
class ReflectionCards {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    /** The filters' "All …" choice: a choice with an empty value is treated by some clients as no answer. */
    static final String ALL = "all";
    static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);

    static final String AREAS_LABEL = "Areas of the career transitions";
    static final String INDICATOR_LABEL = "Evidence for an indicator of potential";

    private final CardTemplates templates;
    private final ReflectionDefinitions definitions;
    private final Transitions transitions;

    ReflectionCards(CardTemplates templates, ReflectionDefinitions definitions, Transitions transitions) {
        this.templates = templates;
        this.definitions = definitions;
        this.transitions = transitions;
    }

    /**
     * A blank entry card (optionally another template, or pre-filled), with the key experiences of the
     * participant's transition to choose from when they have one.
     */
    Reply newEntry(@Nullable String templateKey, LocalDate today, Map<String, String> prefill,
                   @Nullable CareerTransition transition) {
        ReflectionDefinitions.Template template = definitions.template(templateKey).orElse(definitions.defaultTemplate());
        Map<String, Object> data = base(template, today, transition);
        data.put("heading", "New reflective log entry");
        data.put("experiencedOn", today.toString());
        data.put("submissionKey", UUID.randomUUID().toString());
        data.put("steps", steps(template, prefill));
        data.putAll(prefill.entrySet().stream().filter(e -> !e.getKey().startsWith("step_"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        return Reply.card(templates.render("reflection-entry", data));
    }

    /** The card again with what the person typed, and why it was not saved (problems or a warning). */
    Reply retry(ReflectionForm form, LocalDate today, List<String> errors, List<String> warnings) {
        Map<String, Object> data = base(form.template(), today, form.transition());
        data.put("heading", form.entryId() == null ? "New reflective log entry" : "Edit reflective log entry");
        data.put("areas", String.join(",", form.areas()));
        data.put("keyExperiences", String.join(",", form.keyExperiences()));
        data.put("indicator", form.indicator());
        data.put("title", form.title());
        data.put("experiencedOn", form.experiencedOn());
        Map<String, String> values = new HashMap<>();
        form.answers().forEach((k, v) -> values.put("step_" + k, v));
        data.put("steps", steps(form.template(), values));
        data.put("dimensions", String.join(",", form.dimensions()));
        data.put("source", form.source());
        data.put("assignment", form.assignment());
        data.put("share", String.valueOf(form.share()));
        data.put("entryId", form.entryId() == null ? "" : form.entryId());
        data.put("version", form.version() == null ? "" : form.version());
        data.put("submissionKey", form.submissionKey() == null ? "" : form.submissionKey());
        data.put("errors", markdown(errors));
        data.put("warnings", markdown(warnings));
        return Reply.card(templates.render("reflection-entry", data));
    }

    /**
     * The entry card filled from a saved entry, for editing it. Its key experiences are those of the transition
     * they were chosen from; an entry without any offers those of the participant's current transition.
     */
    Reply edit(ReflectionEntry entry, LocalDate today, @Nullable CareerTransition current) {
        ReflectionDefinitions.Template template = definitions.template(entry.template()).orElse(definitions.defaultTemplate());
        Map<String, Object> data = base(template, today, entry.transition() != null ? entry.transition() : current);
        data.put("areas", entry.areas());
        data.put("keyExperiences", entry.keyExperiences());
        data.put("indicator", entry.indicator() == null ? "" : entry.indicator());
        data.put("heading", "Edit reflective log entry");
        data.put("title", entry.title());
        data.put("experiencedOn", entry.experiencedOn().toString());
        Map<String, String> values = new HashMap<>();
        ReflectiveLog.answers(entry).forEach((k, v) -> values.put("step_" + k, v));
        data.put("steps", steps(template, values));
        data.put("dimensions", entry.dimensions());
        data.put("source", entry.learningSource());
        data.put("assignment", entry.assignment() == null ? "" : entry.assignment());
        data.put("share", String.valueOf(entry.sharedWithSponsor()));
        data.put("entryId", entry.id());
        data.put("version", entry.version());
        data.put("otherTemplates", List.of()); // switching template on an edit would drop answers
        return Reply.card(templates.render("reflection-entry", data));
    }

    Reply list(List<ReflectionEntry> page, int pageNumber, int pages, int total, ReflectiveLog.Filter filter,
               List<YearMonth> months) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ReflectionEntry e : page) {
            Map<String, String> answers = ReflectiveLog.answers(e);
            String first = answers.values().stream().filter(v -> !v.isBlank()).findFirst().orElse("");
            rows.add(Map.of("id", e.id(), "title", PlainText.of(e.title(), 200), "excerpt", PlainText.of(first, 300),
                    "meta", meta(e)));
        }
        Map<String, Object> data = new HashMap<>();
        data.put("entries", rows);
        data.put("empty", rows.isEmpty());
        data.put("emptyText", Markdown.of(filter.equals(ReflectiveLog.Filter.NONE)
                ? "No entries yet. Type **log reflection** to write your first."
                : "No entries match that filter."));
        String filtered = (filter.dimension() == null ? "" : " · " + definitions.dimensionLabel(filter.dimension()))
                + (filter.month() == null ? "" : " · " + MONTH.format(filter.month()));
        data.put("summary", total + (total == 1 ? " entry" : " entries") + filtered
                + (pages > 1 ? " · page " + pageNumber + " of " + pages : ""));
        data.put("dimension", filter.dimension() == null ? ALL : filter.dimension());
        data.put("month", filter.month() == null ? ALL : filter.month().toString());
        data.put("dimensionChoices", options(definitions.dimensions()));
        data.put("monthChoices", months.stream().map(m -> Map.of("key", m.toString(), "label", MONTH.format(m))).toList());
        data.put("hasPrevious", pageNumber > 1);
        data.put("hasNext", pageNumber < pages);
        data.put("previousPage", pageNumber - 1);
        data.put("nextPage", pageNumber + 1);
        return Reply.card(templates.render("reflection-list", data));
    }

    Reply view(ReflectionEntry entry, int edits, @Nullable String sharedBy) {
        Map<String, Object> data = new HashMap<>();
        data.put("id", entry.id());
        data.put("title", PlainText.of(entry.title(), 200));
        data.put("author", sharedBy == null ? "" : PlainText.of(sharedBy, 100));
        data.put("own", sharedBy == null);
        data.put("date", DAY.format(entry.experiencedOn()));
        data.put("templateLabel", definitions.template(entry.template()).map(ReflectionDefinitions.Template::label)
                .orElse(entry.template()));
        data.put("dimensionLabels", dimensionLabels(entry));
        data.put("sourceLabel", definitions.sourceLabel(entry.learningSource()));
        data.put("areaLabels", areaLabels(entry));
        data.put("keyExperienceLabels", keyExperienceLabels(entry));
        data.put("keyExperiencesTitle", entry.transition() == null ? "Key experiences"
                : "Key experiences (" + transitions.of(entry.transition()).name() + ")");
        data.put("indicatorLabel", entry.indicator() == null ? "None chosen" : definitions.indicatorLabel(entry.indicator()));
        data.put("assignment", entry.assignment() == null ? "" : PlainText.of(entry.assignment(), 200));
        data.put("sharedText", entry.sharedWithSponsor() ? "Yes" : "No");
        data.put("edited", edits == 0 ? "" : edits + (edits == 1 ? " time" : " times") + ", earlier versions kept");
        List<Map<String, Object>> steps = new ArrayList<>();
        ReflectiveLog.answers(entry).forEach((k, v) -> {
            if (!v.isBlank()) {
                steps.add(Map.of("label", definitions.stepLabel(entry.template(), k), "value", PlainText.of(v, 4000)));
            }
        });
        data.put("steps", steps);
        return Reply.card(templates.render("reflection-view", data));
    }

    Reply saved(ReflectionEntry entry, boolean edit, int sponsorsTold) {
        String message = (edit ? "Your changes to **" : "Saved **") + PlainText.of(entry.title(), 200) + "**"
                + (edit ? " are saved; the earlier version is kept." : " in your reflective log.")
                + (sponsorsTold > 0 ? " I've let your sponsor know you shared it." : "");
        return notice("reflection-saved", edit ? "Entry updated" : "Entry saved", message, "Good",
                List.of(button("Open", "reflection.view", entry.id()), button("My reflections", "reflection.list", null)));
    }

    Reply deleted(ReflectionEntry entry) {
        return notice("reflection-deleted", "Entry deleted", "**" + PlainText.of(entry.title(), 200)
                + "** is deleted. You can undo this for 30 days; after that it is gone for good.", "Default",
                List.of(button("Undo", "reflection.undo", entry.id())));
    }

    Reply restored(ReflectionEntry entry) {
        return notice("reflection-restored", "Entry restored", "**" + PlainText.of(entry.title(), 200)
                + "** is back in your reflective log.", "Good", List.of(button("Open", "reflection.view", entry.id())));
    }

    /** The entries shared with a sponsor, each with a button to read it (at most {@code limit}, newest first). */
    Reply sharedList(List<ReflectiveLog.SharedEntry> shared, int limit) {
        Map<String, Object> data = new HashMap<>();
        data.put("summary", shared.isEmpty() ? "None of the participants you sponsor has shared an entry with you yet."
                : shared.size() + (shared.size() == 1 ? " entry" : " entries")
                + (shared.size() > limit ? ", the " + limit + " most recent shown" : ""));
        data.put("entries", shared.stream().limit(limit).map(s -> Map.<String, Object>of(
                "title", s.entry().title(),
                "meta", s.participantName() + " · " + DAY.format(s.entry().experiencedOn()),
                "id", String.valueOf(s.entry().id()))).toList());
        return Reply.card(templates.render("reflection-shared-list", data));
    }

    Reply error(String title, String message) {
        return notice("reflection-error", title, message, "Attention", List.of());
    }

    Reply sharedWithSponsor(String participantName, ReflectionEntry entry) {
        return notice("reflection-shared", PlainText.of(participantName, 100) + " shared a reflective entry",
                "**" + PlainText.of(entry.title(), 200) + "** (" + DAY.format(entry.experiencedOn()) + "). You might talk"
                        + " it through at your next monthly meeting.", "Default",
                List.of(button("Read it", "reflection.view", entry.id())));
    }

    String areaLabels(ReflectionEntry entry) {
        List<String> labels = entry.areaKeys().stream()
                .map(k -> transitions.area(k).map(Transitions.Area::name).orElse(k)).toList();
        return labels.isEmpty() ? "None chosen" : String.join(", ", labels);
    }

    /** The names of the entry's key experiences, as its transition names them. */
    String keyExperienceLabels(ReflectionEntry entry) {
        Transitions.Transition t = entry.transition() == null ? null : transitions.of(entry.transition());
        List<String> labels = entry.keyExperienceKeys().stream()
                .map(k -> t == null ? k : t.keyExperience(k).map(Transitions.KeyExperience::name).orElse(k)).toList();
        return labels.isEmpty() ? "None chosen" : String.join(", ", labels);
    }

    String dimensionLabels(ReflectionEntry entry) {
        List<String> labels = entry.dimensionKeys().stream().map(definitions::dimensionLabel).toList();
        return labels.isEmpty() ? "None chosen" : String.join(", ", labels);
    }

    private String meta(ReflectionEntry e) {
        return DAY.format(e.experiencedOn()) + " · " + dimensionLabels(e)
                + (e.keyExperienceKeys().isEmpty() ? "" : " · key experience: " + keyExperienceLabels(e))
                + (e.sharedWithSponsor() ? " · shared" : "");
    }

    private Reply notice(String id, String title, String message, String color, List<Map<String, Object>> buttons) {
        // the message is the bot's wording; any title or name in it went through PlainText first
        return Reply.card(templates.render("reflection-notice", Map.of("cardId", id, "title", title, "message", Markdown.of(message),
                "color", color, "buttons", buttons)));
    }

    private static Map<String, Object> button(String label, String action, @Nullable Long entryId) {
        return Map.of("label", label, "action", action, "entryId", entryId == null ? "" : entryId);
    }

    private Map<String, Object> base(ReflectionDefinitions.Template template, LocalDate today,
                                     @Nullable CareerTransition transition) {
        Map<String, Object> data = new HashMap<>();
        Transitions.Transition on = transition == null ? null : transitions.of(transition);
        data.put("transition", transition == null ? "" : transition.name());
        data.put("hasTransition", on != null);
        data.put("keyExperiencesLabel", on == null ? "" : "Key experiences of " + on.name() + " (your development stream)");
        data.put("keyExperienceChoices", on == null ? List.of() : on.keyExperiences().stream()
                .map(k -> Map.<String, Object>of("key", k.key(), "label", k.name())).toList());
        data.put("areasLabel", AREAS_LABEL);
        data.put("areaChoices", transitions.areas().stream()
                .map(a -> Map.<String, Object>of("key", a.key(), "label", a.name())).toList());
        data.put("indicatorLabel", INDICATOR_LABEL + " (optional)");
        data.put("indicatorChoices", options(definitions.indicators()));
        data.put("areas", "");
        data.put("keyExperiences", "");
        data.put("indicator", "");
        data.put("template", template.key());
        data.put("templateLabel", template.label());
        data.put("today", today.toString());
        data.put("title", "");
        data.put("dimensions", "");
        data.put("source", "");
        data.put("assignment", "");
        data.put("share", "false");
        data.put("entryId", "");
        data.put("version", "");
        data.put("errors", List.of());
        data.put("warnings", List.of());
        data.put("dimensionChoices", options(definitions.dimensions()));
        data.put("sourceChoices", options(definitions.sources()));
        data.put("otherTemplates", definitions.templates().stream().filter(t -> !t.key().equals(template.key()))
                .map(t -> Map.of("key", t.key(), "label", t.label())).toList());
        return data;
    }

    private static List<Map<String, Object>> steps(ReflectionDefinitions.Template template, Map<String, String> values) {
        return template.steps().stream().map(s -> Map.<String, Object>of("key", s.key(), "label", s.label(),
                "hint", s.hint(), "value", values.getOrDefault("step_" + s.key(), ""))).toList();
    }

    private static List<Map<String, Object>> options(List<ReflectionDefinitions.Option> options) {
        return options.stream().map(o -> Map.<String, Object>of("key", o.key(), "label", o.label())).toList();
    }

    /** Text someone typed, safe to show in a Markdown TextBlock, at most {@code max} characters. */

    /** Problems are the bot's wording (field names in bold); a value someone typed went through PlainText. */
    static List<Markdown> markdown(List<String> problems) {
        return problems.stream().map(Markdown::of).toList();
    }
}
