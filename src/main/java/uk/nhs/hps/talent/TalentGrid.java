package uk.nhs.hps.talent;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of the 9-box grid and the conversation's scales, read from its definition (the YAML file's shape,
 * from {@code talent/grid.yml} or a version the programme team saved). A box key is
 * {@code <potential>_<performance>}, e.g. {@code HIGH_MEDIUM}; keys never change between versions, labels may.
 * Each box names its readiness, so a placement's readiness follows from its box.
 */
public class TalentGrid {

    /** A choice; {@code axis} is the short name a grid axis shows (the label when none is given). */
    @Serdeable
    public record Option(String key, String label, String axis, String description) {
        public Option(String key, String label) {
            this(key, label, label, "");
        }
    }

    /** One box: its label, what it means and the readiness that goes with it (null on a grid without one). */
    @Serdeable
    public record Box(String key, String label, String description, @Nullable String readiness) {
    }

    private final String version;
    private final String source;
    private final String performanceAnchor;
    private final List<Option> performance;
    private final List<Option> potential;
    private final Map<String, Box> boxes = new LinkedHashMap<>();
    private final List<Option> ratings;
    private final List<Option> growth;
    private final List<Option> readiness;
    private final List<Option> actionTypes;
    private final Map<String, Object> definition;

    @SuppressWarnings("unchecked")
    TalentGrid(Map<String, Object> root, String where) {
        definition = root;
        version = String.valueOf(root.get("version"));
        source = String.valueOf(root.getOrDefault("source", "unnamed"));
        performanceAnchor = String.valueOf(root.getOrDefault("performanceAnchor", ""));
        performance = options(root, "performance");
        potential = options(root, "potential");
        ratings = options(root, "ratings");
        growth = options(root, "growth");
        readiness = options(root, "readiness");
        actionTypes = options(root, "actionTypes");
        if (performance.size() != 3 || potential.size() != 3) {
            throw new IllegalStateException("9-box grid " + where + " needs 3 performance and 3 potential levels");
        }
        Map<String, Object> raw = (Map<String, Object>) root.getOrDefault("boxes", Map.of());
        for (Option pot : potential) {
            for (Option perf : performance) {
                String key = pot.key() + "_" + perf.key();
                Object box = raw.get(key);
                if (box == null) {
                    throw new IllegalStateException("9-box grid " + where + " has no label for box " + key);
                }
                if (box instanceof Map<?, ?> raw2) {
                    Map<String, Object> m = (Map<String, Object>) raw2;
                    Object ready = m.get("readiness");
                    if (ready != null && readiness.stream().noneMatch(r -> r.key().equals(String.valueOf(ready)))) {
                        throw new IllegalStateException("9-box grid " + where + ": box " + key + " has unknown readiness " + ready);
                    }
                    boxes.put(key, new Box(key, String.valueOf(m.get("label")), String.valueOf(m.getOrDefault("description", "")),
                            ready == null ? null : String.valueOf(ready)));
                } else {
                    boxes.put(key, new Box(key, String.valueOf(box), "", null)); // the first draft's plain labels
                }
            }
        }
    }

    public String version() {
        return version;
    }

    /** Whose grid this is: the name the card and every placement carry. */
    public String source() {
        return source;
    }

    String performanceAnchor() {
        return performanceAnchor;
    }

    /** The definition as read, to save a changed copy as a new version. */
    Map<String, Object> definition() {
        return definition;
    }

    /** Box keys, top row first, left to right. */
    public List<String> boxKeys() {
        return List.copyOf(boxes.keySet());
    }

    public String boxLabel(@Nullable String key) {
        Box box = key == null ? null : boxes.get(key);
        return box == null ? key : box.label();
    }

    List<Box> boxes() {
        return List.copyOf(boxes.values());
    }

    /** The readiness that goes with a box on this grid; null when the grid gives none. */
    @Nullable
    String readinessFor(@Nullable String box) {
        Box b = box == null ? null : boxes.get(box);
        return b == null ? null : b.readiness();
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
        return boxes.values().stream().map(b -> new Option(b.key(), b.label())).toList();
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
                out.add(new Option(String.valueOf(m.get("key")), label, String.valueOf(m.getOrDefault("axis", label)),
                        String.valueOf(m.getOrDefault("description", ""))));
            }
        }
        return List.copyOf(out);
    }
}
