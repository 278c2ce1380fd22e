package uk.nhs.hps.talent;

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

/**
 * The 9-box grid and the conversation's scales, from YAML ({@code talent.grid}, default
 * {@code classpath:talent/grid.yml}) so an organisation's variant is configuration, not code.
 * A box key is {@code <potential>_<performance>}, e.g. {@code HIGH_MEDIUM}.
 */
@Singleton
public class TalentGrid {

    /** A choice; {@code axis} is the short name a grid axis shows (the label when the YAML gives none). */
    public record Option(String key, String label, String axis) {
        public Option(String key, String label) {
            this(key, label, label);
        }
    }

    private final String version;
    private final List<Option> performance;
    private final List<Option> potential;
    private final Map<String, String> boxes = new LinkedHashMap<>();
    private final List<Option> ratings;
    private final List<Option> growth;
    private final List<Option> readiness;
    private final List<Option> actionTypes;

    @SuppressWarnings("unchecked")
    TalentGrid(@Value("${talent.grid:classpath:talent/grid.yml}") String location) {
        Map<String, Object> root;
        try (InputStream in = open(location)) {
            root = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        version = String.valueOf(root.get("version"));
        performance = options(root, "performance");
        potential = options(root, "potential");
        ratings = options(root, "ratings");
        growth = options(root, "growth");
        readiness = options(root, "readiness");
        actionTypes = options(root, "actionTypes");
        Map<String, Object> labels = (Map<String, Object>) root.getOrDefault("boxes", Map.of());
        for (Option pot : potential) {
            for (Option perf : performance) {
                String key = pot.key() + "_" + perf.key();
                Object label = labels.get(key);
                if (label == null) {
                    throw new IllegalStateException("9-box grid " + location + " has no label for box " + key);
                }
                boxes.put(key, String.valueOf(label));
            }
        }
        if (performance.size() != 3 || potential.size() != 3) {
            throw new IllegalStateException("9-box grid " + location + " needs 3 performance and 3 potential levels");
        }
    }

    public String version() {
        return version;
    }

    /** Box keys, top row first, left to right. */
    public List<String> boxKeys() {
        return List.copyOf(boxes.keySet());
    }

    public String boxLabel(String key) {
        return boxes.getOrDefault(key, key);
    }

    List<Option> performance() {
        return performance;
    }

    List<Option> potential() {
        return potential;
    }

    List<Option> ratings() {
        return ratings;
    }

    List<Option> growth() {
        return growth;
    }

    List<Option> readiness() {
        return readiness;
    }

    List<Option> actionTypes() {
        return actionTypes;
    }

    List<Option> boxOptions() {
        return boxes.entrySet().stream().map(e -> new Option(e.getKey(), e.getValue())).toList();
    }

    /** Rank of a box's potential (0 = lowest) and performance, for movement between cycles. */
    int potentialRank(String box) {
        int fromTop = rank(potential, box.substring(0, box.indexOf('_')));
        return fromTop < 0 ? -1 : potential.size() - 1 - fromTop;
    }

    int performanceRank(String box) {
        return rank(performance, box.substring(box.indexOf('_') + 1));
    }

    private static int rank(List<Option> options, String key) {
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private static List<Option> options(Map<String, Object> root, String key) {
        List<Option> out = new ArrayList<>();
        Object value = root.get(key);
        if (value instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> m = (Map<String, Object>) o;
                String label = String.valueOf(m.get("label"));
                out.add(new Option(String.valueOf(m.get("key")), label, String.valueOf(m.getOrDefault("axis", label))));
            }
        }
        return List.copyOf(out);
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("file:")) {
            return Files.newInputStream(Path.of(location.substring("file:".length())));
        }
        String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        InputStream in = TalentGrid.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("No 9-box grid at " + location);
        }
        return in;
    }
}
