package uk.nhs.hps.reflection;

import io.micronaut.core.annotation.Nullable;
import uk.nhs.hps.conversation.PlainText;
import uk.nhs.hps.people.CareerTransition;
import uk.nhs.hps.scheme.Transitions;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a reflective-entry card submitted, as typed, with the problems that stop it being saved. Problems
 * name the field by its label on the card. Nothing here touches the database.
 */
record ReflectionForm(
        ReflectionDefinitions.Template template,
        @Nullable Long entryId,
        @Nullable Integer version,
        @Nullable String submissionKey,
        String title,
        String experiencedOn,
        Map<String, String> answers,
        List<String> dimensions,
        String source,
        String assignment,
        boolean share,
        boolean confirmed,
        List<String> areas,
        List<String> keyExperiences,
        @Nullable CareerTransition transition,
        String indicator) {

    static final int MAX_TITLE = 200;
    static final int MAX_STEP = 4000;
    static final int MAX_ASSIGNMENT = 200;

    /** Reads a submit; unknown templates fall back to the default so the person still gets a card back. */
    static ReflectionForm read(Map<String, Object> data, ReflectionDefinitions definitions) {
        ReflectionDefinitions.Template template = definitions.template(text(data, "template"))
                .orElse(definitions.defaultTemplate());
        Map<String, String> answers = new LinkedHashMap<>();
        for (ReflectionDefinitions.Step step : template.steps()) {
            answers.put(step.key(), text(data, "step_" + step.key()));
        }
        String transition = text(data, "transition");
        return new ReflectionForm(template, number(data, "entryId"), intOrNull(number(data, "version")),
                emptyToNull(text(data, "submissionKey")), text(data, "title"), text(data, "experiencedOn"), answers,
                keys(data, "dimensions"), text(data, "source"), text(data, "assignment"),
                "true".equalsIgnoreCase(text(data, "share")), "true".equalsIgnoreCase(text(data, "confirmed")),
                keys(data, "areas"), keys(data, "keyExperiences"),
                transition.equals("ONE") ? CareerTransition.ONE : transition.equals("TWO") ? CareerTransition.TWO : null,
                text(data, "indicator"));
    }

    /** A multi-select's keys, in order, each once. */
    private static List<String> keys(Map<String, Object> data, String field) {
        Set<String> keys = new LinkedHashSet<>();
        for (String k : text(data, field).split(",")) {
            if (!k.isBlank()) {
                keys.add(k.strip());
            }
        }
        return List.copyOf(keys);
    }

    /** Problems with the values, each naming the field; empty when the entry can be saved. */
    List<String> problems(ReflectionDefinitions definitions, Transitions transitions, LocalDate today) {
        List<String> problems = new ArrayList<>();
        if (title.isBlank()) {
            problems.add("**Title** is required.");
        } else if (title.length() > MAX_TITLE) {
            problems.add("**Title** is " + title.length() + " characters; the most is " + MAX_TITLE + ".");
        }
        LocalDate date = date();
        if (experiencedOn.isBlank()) {
            problems.add("**Date of the experience** is required.");
        } else if (date == null) {
            problems.add("**Date of the experience** must be a date (YYYY-MM-DD).");
        } else if (date.isAfter(today)) {
            problems.add("**Date of the experience** can't be in the future.");
        } else if (date.isBefore(today.minusYears(10))) {
            problems.add("**Date of the experience** is more than ten years ago.");
        }
        List<ReflectionDefinitions.Step> steps = template.steps();
        if (answers.get(steps.get(0).key()).isBlank()) {
            problems.add("**" + steps.get(0).label() + "** is required: say briefly what happened.");
        }
        for (ReflectionDefinitions.Step step : steps) {
            int length = answers.get(step.key()).length();
            if (length > MAX_STEP) {
                problems.add("**" + step.label() + "** is " + length + " characters; the most is " + MAX_STEP + ".");
            }
        }
        for (String d : dimensions) {
            if (definitions.dimension(d).isEmpty()) {
                problems.add("**Healthcare Leadership Model dimensions**: '" + PlainText.of(d, 40)
                        + "' is not one of the dimensions.");
            }
        }
        for (String a : areas) {
            if (transitions.area(a).isEmpty()) {
                problems.add("**" + ReflectionCards.AREAS_LABEL + "**: '" + PlainText.of(a, 40) + "' is not one of the areas.");
            }
        }
        Transitions.Transition t = transition == null ? null : transitions.of(transition);
        for (String k : keyExperiences) {
            if (t == null || t.keyExperience(k).isEmpty()) {
                problems.add("**Key experiences**: '" + PlainText.of(k, 40) + "' is not a key experience of "
                        + (t == null ? "a career transition you are on" : t.name()) + ".");
            }
        }
        if (!indicator.isBlank() && definitions.indicator(indicator).isEmpty()) {
            problems.add("**" + ReflectionCards.INDICATOR_LABEL + "**: '" + PlainText.of(indicator, 40)
                    + "' is not one of the indicators.");
        }
        if (source.isBlank()) {
            problems.add("**Where the learning came from** is required.");
        } else if (definitions.source(source).isEmpty()) {
            problems.add("**Where the learning came from**: '" + PlainText.of(source, 40) + "' is not one of the choices.");
        }
        if (assignment.length() > MAX_ASSIGNMENT) {
            problems.add("**Placement or stretch assignment** is " + assignment.length() + " characters; the most is "
                    + MAX_ASSIGNMENT + ".");
        }
        return problems;
    }

    @Nullable
    LocalDate date() {
        try {
            return LocalDate.parse(experiencedOn);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The free-text fields the patient-data detector looks at, by label. */
    Map<String, String> freeText() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Title", title);
        for (ReflectionDefinitions.Step step : template.steps()) {
            fields.put(step.label(), answers.get(step.key()));
        }
        fields.put("Placement or stretch assignment", assignment);
        return fields;
    }

    Set<String> filledSteps() {
        Set<String> filled = new LinkedHashSet<>();
        answers.forEach((k, v) -> {
            if (!v.isBlank()) {
                filled.add(k);
            }
        });
        return filled;
    }

    static String text(Map<String, Object> data, String key) {
        Object value = data.get(key);
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) { // some clients send multi-selects as arrays
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value).replace("\r\n", "\n").strip();
    }

    @Nullable
    static Long number(Map<String, Object> data, String key) {
        Object value = data.get(key);
        if (value instanceof Number n && n.doubleValue() == n.longValue() && n.longValue() >= 0) {
            return n.longValue();
        }
        if (value instanceof String s && s.strip().matches("[0-9]{1,18}")) {
            return Long.parseLong(s.strip());
        }
        return null;
    }

    @Nullable
    private static Integer intOrNull(@Nullable Long value) {
        return value == null || value > Integer.MAX_VALUE ? null : value.intValue();
    }

    @Nullable
    private static String emptyToNull(String value) {
        return value.isBlank() || value.length() > 64 ? null : value;
    }
}
