package uk.nhs.hps.talent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Conflict;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.audit.AuditLog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every version of the 9-box grid: the shipped file ({@code talent.grid}, default {@code classpath:talent/grid.yml}),
 * the superseded first draft (placements made on it keep its labels), and the versions the programme team saved
 * by replacing labels and descriptions. The current grid is the newest saved version based on the shipped file's
 * version, or the file itself; shipping a file with a new version makes it current again.
 */
@Singleton
public class TalentGrids {

    static final String CHANGED = "TALENT_GRID_CHANGED";
    static final int MAX_LABEL = 120;
    static final int MAX_DESCRIPTION = 500;
    static final int MAX_SOURCE = 300;
    static final int MAX_REASON = 500;
    private static final List<String> LEGACY = List.of("classpath:talent/grids/hcls-1.yml");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A new label and, optionally, description for a box, a performance column or a potential row. */
    @Serdeable
    public record Text(@Nullable String label, @Nullable String description) {
    }

    /** What the programme team replaces: any labels and descriptions by key, the source's name, and why. */
    @Serdeable
    public record Change(@Nullable String source, @Nullable String reason, @Nullable Map<String, Text> boxes,
                         @Nullable Map<String, Text> performance, @Nullable Map<String, Text> potential) {
    }

    /** A version as the admin API lists it. */
    @Serdeable
    public record VersionInfo(String version, String basedOn, String source, String reason, String createdBy, String createdAt) {
    }

    private final TalentGrid shipped;
    private final Map<String, TalentGrid> files = new LinkedHashMap<>();
    private final Map<String, TalentGrid> saved = new ConcurrentHashMap<>();
    private final TalentGridVersionRepository versions;
    private final AuditLog audit;
    private final Clock clock;

    TalentGrids(@Value("${talent.grid:classpath:talent/grid.yml}") String location, TalentGridVersionRepository versions,
                AuditLog audit, Clock clock) {
        this.versions = versions;
        this.audit = audit;
        this.clock = clock;
        shipped = new TalentGrid(SchemeYaml.load(location), location);
        for (String legacy : LEGACY) {
            TalentGrid grid = new TalentGrid(SchemeYaml.load(legacy), legacy);
            files.put(grid.version(), grid);
        }
        files.put(shipped.version(), shipped);
    }

    /** The grid a new review is made on. */
    public TalentGrid current() {
        return versions.findByBasedOnOrderByIdDesc(shipped.version()).stream().findFirst().map(this::grid).orElse(shipped);
    }

    /** The grid a review was made on; the current one for a version nobody knows (or none). */
    public TalentGrid of(@Nullable String version) {
        if (version == null) {
            return current();
        }
        TalentGrid file = files.get(version);
        if (file != null) {
            return file;
        }
        TalentGrid known = saved.get(version);
        if (known != null) {
            return known;
        }
        return versions.findByVersion(version).map(this::grid).orElseGet(this::current);
    }

    /** Every saved version, oldest first, after the shipped file's. */
    List<VersionInfo> history() {
        List<VersionInfo> out = new ArrayList<>();
        out.add(new VersionInfo(shipped.version(), "", shipped.source(), "shipped with the service (talent/grid.yml)", "", ""));
        for (TalentGridVersion v : versions.findByIdGreaterThanOrderById(0)) {
            out.add(new VersionInfo(v.version(), v.basedOn(), v.source(), v.reason(), v.createdBy(), v.createdAt().toString()));
        }
        return out;
    }

    /**
     * Saves the current grid with the given labels and descriptions replaced as a new version, audited under the
     * actor. Keys and each box's readiness stay as they are: a change of meaning is a new file, not an edit.
     */
    @SuppressWarnings("unchecked")
    TalentGrid replace(Change change, String actor) {
        List<String> problems = new ArrayList<>();
        String reason = change.reason() == null ? "" : change.reason().strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            problems.add("reason is required (at most " + MAX_REASON + " characters): say why the grid changes");
        }
        String source = change.source() == null ? null : change.source().strip();
        if (source != null && (source.isEmpty() || source.length() > MAX_SOURCE)) {
            problems.add("source must be 1 to " + MAX_SOURCE + " characters");
        }
        TalentGrid base = current();
        Map<String, Object> definition = copy(base.definition());
        Map<String, Object> boxes = (Map<String, Object>) definition.get("boxes");
        if (change.boxes() != null) {
            change.boxes().forEach((key, text) -> {
                Object box = boxes.get(key);
                if (box instanceof Map<?, ?> m) {
                    apply((Map<String, Object>) m, "box " + key, text, problems);
                } else {
                    problems.add("no box " + key + "; boxes are " + base.boxKeys());
                }
            });
        }
        replaceOptions(definition, "performance", change.performance(), problems);
        replaceOptions(definition, "potential", change.potential(), problems);
        boolean nothing = (change.boxes() == null || change.boxes().isEmpty()) && (change.performance() == null
                || change.performance().isEmpty()) && (change.potential() == null || change.potential().isEmpty()) && source == null;
        if (nothing) {
            problems.add("nothing to change: give boxes, performance, potential or source");
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(String.join("; ", problems) + ".");
        }
        int next = versions.findByBasedOnOrderByIdDesc(shipped.version()).size() + 1;
        String version = shipped.version() + "." + next;
        definition.put("version", version);
        if (source != null) {
            definition.put("source", source);
        }
        TalentGrid grid = new TalentGrid(definition, "change " + version);
        try {
            versions.save(new TalentGridVersion(null, version, shipped.version(), grid.source(), JSON.writeValueAsString(definition),
                    reason, actor, clock.instant()));
        } catch (DataAccessException e) {
            throw new Conflict("The grid was changed by someone else at the same time; read it again and resend.");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        audit.record(actor, CHANGED, null, "9-box grid " + version + " (was " + base.version() + "): " + reason);
        saved.put(version, grid);
        return grid;
    }

    @SuppressWarnings("unchecked")
    private static void replaceOptions(Map<String, Object> definition, String name, @Nullable Map<String, Text> texts,
                                       List<String> problems) {
        if (texts == null) {
            return;
        }
        List<Map<String, Object>> options = (List<Map<String, Object>>) definition.get(name);
        texts.forEach((key, text) -> options.stream().filter(o -> key.equals(String.valueOf(o.get("key")))).findFirst()
                .ifPresentOrElse(o -> apply(o, name + " " + key, text, problems),
                        () -> problems.add("no " + name + " " + key + "; keys are "
                                + options.stream().map(o -> String.valueOf(o.get("key"))).toList())));
    }

    private static void apply(Map<String, Object> target, String what, @Nullable Text text, List<String> problems) {
        if (text == null || (text.label() == null && text.description() == null)) {
            problems.add(what + ": give a label or a description");
            return;
        }
        if (text.label() != null) {
            String label = text.label().strip();
            if (label.isEmpty() || label.length() > MAX_LABEL) {
                problems.add(what + ": label must be 1 to " + MAX_LABEL + " characters");
            }
            target.put("label", label);
        }
        if (text.description() != null) {
            String description = text.description().strip();
            if (description.length() > MAX_DESCRIPTION) {
                problems.add(what + ": description must be at most " + MAX_DESCRIPTION + " characters");
            }
            target.put("description", description);
        }
    }

    private TalentGrid grid(TalentGridVersion v) {
        return saved.computeIfAbsent(v.version(), k -> {
            try {
                return new TalentGrid(JSON.readValue(v.definition(), new TypeReference<LinkedHashMap<String, Object>>() { }),
                        "saved version " + k);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Saved 9-box grid " + k + " is unreadable", e);
            }
        });
    }

    private static Map<String, Object> copy(Map<String, Object> definition) {
        try {
            return JSON.readValue(JSON.writeValueAsString(definition), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
