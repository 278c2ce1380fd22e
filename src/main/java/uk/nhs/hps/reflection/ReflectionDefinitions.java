package uk.nhs.hps.reflection;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reflective log's templates, Healthcare Leadership Model dimensions and 70:20:10 sources, read from
 * YAML ({@code reflection.definitions}, default {@code classpath:reflection/reflective-log.yml}) so an
 * organisation can configure its own variant without a code change.
 */
@Singleton
class ReflectionDefinitions {

    @io.micronaut.serde.annotation.Serdeable
    record Step(String key, String label, String hint) {
    }

    @io.micronaut.serde.annotation.Serdeable
    record Template(String key, String label, List<Step> steps) {
    }

    @io.micronaut.serde.annotation.Serdeable
    record Option(String key, String label) {
    }

    private final Map<String, Template> templates = new LinkedHashMap<>();
    private final Map<String, Option> dimensions = new LinkedHashMap<>();
    private final Map<String, Option> sources = new LinkedHashMap<>();
    private final Map<String, Option> indicators = new LinkedHashMap<>();

    ReflectionDefinitions(@Value("${reflection.definitions:classpath:reflection/reflective-log.yml}") String location) {
        Map<String, Object> root = load(location);
        for (Map<String, Object> t : list(root, "templates")) {
            List<Step> steps = new ArrayList<>();
            for (Map<String, Object> s : list(t, "steps")) {
                steps.add(new Step(str(s, "key"), str(s, "label"), String.valueOf(s.getOrDefault("hint", ""))));
            }
            if (steps.isEmpty()) {
                throw new IllegalStateException("Reflection template " + t.get("key") + " has no steps");
            }
            templates.put(str(t, "key"), new Template(str(t, "key"), str(t, "label"), List.copyOf(steps)));
        }
        list(root, "dimensions").forEach(d -> dimensions.put(str(d, "key"), new Option(str(d, "key"), str(d, "label"))));
        list(root, "learningSources").forEach(d -> sources.put(str(d, "key"), new Option(str(d, "key"), str(d, "label"))));
        list(root, "indicatorsOfPotential").forEach(d -> indicators.put(str(d, "key"), new Option(str(d, "key"), str(d, "label"))));
        if (templates.isEmpty() || dimensions.isEmpty() || sources.isEmpty()) {
            throw new IllegalStateException("Reflective log definitions need templates, dimensions and learningSources: " + location);
        }
    }

    /** The first template listed is the default (the quick one). */
    Template defaultTemplate() {
        return templates.values().iterator().next();
    }

    Optional<Template> template(String key) {
        return Optional.ofNullable(key == null ? null : templates.get(key));
    }

    List<Template> templates() {
        return List.copyOf(templates.values());
    }

    List<Option> dimensions() {
        return List.copyOf(dimensions.values());
    }

    Optional<Option> dimension(String key) {
        return Optional.ofNullable(dimensions.get(key));
    }

    String dimensionLabel(String key) {
        return dimension(key).map(Option::label).orElse(key);
    }

    List<Option> sources() {
        return List.copyOf(sources.values());
    }

    Optional<Option> source(String key) {
        return Optional.ofNullable(key == null ? null : sources.get(key));
    }

    String sourceLabel(String key) {
        return source(key).map(Option::label).orElse(key);
    }

    /** The indicators of potential (002) an entry can be evidence for; the talent conversation defines them. */
    List<Option> indicators() {
        return List.copyOf(indicators.values());
    }

    Optional<Option> indicator(String key) {
        return Optional.ofNullable(key == null ? null : indicators.get(key));
    }

    String indicatorLabel(String key) {
        return indicator(key).map(Option::label).orElse(key);
    }

    /** The label of a step in the entry's template, falling back to the key for a retired step. */
    String stepLabel(String template, String step) {
        return template(template).flatMap(t -> t.steps().stream().filter(s -> s.key().equals(step)).findFirst())
                .map(Step::label).orElse(step);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String location) {
        try (InputStream in = open(location)) {
            Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (!(parsed instanceof Map<?, ?>)) {
                throw new IllegalStateException("Reflective log definitions are not a YAML map: " + location);
            }
            return (Map<String, Object>) parsed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("file:")) {
            return Files.newInputStream(Path.of(location.substring("file:".length())));
        }
        String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        InputStream in = ReflectionDefinitions.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("No reflective log definitions at " + location);
        }
        return in;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static String str(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalStateException("Reflective log definitions: missing '" + key + "' in " + map);
        }
        return String.valueOf(value);
    }
}
