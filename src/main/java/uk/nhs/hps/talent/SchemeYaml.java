package uk.nhs.hps.talent;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the talent conversation's YAML data ({@code classpath:} or {@code file:}), failing at start on a missing part. */
final class SchemeYaml {

    private SchemeYaml() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String location) {
        try (InputStream in = open(location)) {
            return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key, String where) {
        Object value = parent.get(key);
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalStateException(where + " has no '" + key + "'");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> parent, String key, String where) {
        Object value = parent.get(key);
        if (!(value instanceof List<?> items) || items.isEmpty()) {
            throw new IllegalStateException(where + " has no '" + key + "' list");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        items.forEach(i -> out.add((Map<String, Object>) i));
        return out;
    }

    static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> items) {
            items.forEach(i -> out.add(String.valueOf(i).strip()));
        }
        return List.copyOf(out);
    }

    static String text(Map<String, Object> parent, String key, String where) {
        Object value = parent.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalStateException(where + " has no '" + key + "'");
        }
        return String.valueOf(value).strip();
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("file:")) {
            return Files.newInputStream(Path.of(location.substring("file:".length())));
        }
        String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        InputStream in = SchemeYaml.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("Nothing at " + location);
        }
        return in;
    }
}
