package uk.nhs.hps.talent;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed 002's indicators of potential, as data ({@code talent.indicators}, default
 * {@code classpath:scheme/indicators.yml}): three indicators, each rated area with its keywords, its
 * indicator's definition and the "generally indicated by" bullets of each of 002's levels; the leadership
 * values; the key features of each level's transition; and which level applies to a participant.
 */
@Singleton
public class TalentIndicators {

    @Serdeable
    public record Level(String key, String name) {
    }

    /** A level chosen for participants, with why. */
    @Serdeable
    public record LevelChoice(String level, String reason) {
    }

    /** What is rated: an indicator's area ("Ability: Setting Direction"), or the indicator itself ("Aspiration"). */
    @Serdeable
    public record Area(String key, String indicator, String name, String label, List<String> keywords, String definition,
                       Map<String, List<String>> indicatedBy) {

        /** The bullets for a level; 002 gives Aspiration and Engagement one list for every level ("all"). */
        public List<String> bulletsFor(String level) {
            return indicatedBy.getOrDefault(level, indicatedBy.getOrDefault(ALL, List.of()));
        }
    }

    @Serdeable
    public record Indicator(String key, String name, String definition, List<Area> areas) {
    }

    @Serdeable
    public record LeadershipValue(String name, String text) {
    }

    /** Everything in the file, as the admin API shows it. */
    @Serdeable
    public record Scheme(String version, String source, String purpose, String performance, List<Level> levels,
                         LevelChoice defaultLevel, Map<String, LevelChoice> streams, List<Indicator> indicators,
                         String valuesIntroduction, List<LeadershipValue> values, Map<String, List<String>> keyFeatures) {
    }

    static final String ALL = "all";

    private final Scheme scheme;
    private final List<Area> areas;

    TalentIndicators(@Value("${talent.indicators:classpath:scheme/indicators.yml}") String location) {
        Map<String, Object> root = SchemeYaml.load(location);
        List<Level> levels = new ArrayList<>();
        for (Map<String, Object> l : SchemeYaml.list(root, "levels", location)) {
            levels.add(new Level(SchemeYaml.text(l, "key", location), SchemeYaml.text(l, "name", location)));
        }
        Set<String> levelKeys = new HashSet<>();
        levels.forEach(l -> levelKeys.add(l.key()));
        Map<String, Object> levelFor = SchemeYaml.map(root, "levelFor", location);
        LevelChoice byDefault = choice(SchemeYaml.map(levelFor, "default", location), levelKeys, location);
        Map<String, LevelChoice> streams = new LinkedHashMap<>();
        Object streamMap = levelFor.get("streams");
        if (streamMap instanceof Map<?, ?> m) {
            m.forEach((k, v) -> streams.put(String.valueOf(k), choice(cast(v), levelKeys, location + " stream " + k)));
        }
        List<Indicator> indicators = new ArrayList<>();
        List<Area> all = new ArrayList<>();
        Set<String> areaKeys = new HashSet<>();
        for (Map<String, Object> i : SchemeYaml.list(root, "indicators", location)) {
            String name = SchemeYaml.text(i, "name", location);
            String definition = SchemeYaml.text(i, "definition", location + " " + name);
            List<Map<String, Object>> rawAreas = SchemeYaml.list(i, "areas", location + " " + name);
            List<Area> areas = new ArrayList<>();
            for (Map<String, Object> a : rawAreas) {
                String key = SchemeYaml.text(a, "key", location + " " + name);
                String areaName = SchemeYaml.text(a, "name", location + " " + name);
                Map<String, List<String>> bullets = new LinkedHashMap<>();
                SchemeYaml.map(a, "indicatedBy", location + " " + key).forEach((level, list) -> {
                    if (!level.equals(ALL) && !levelKeys.contains(level)) {
                        throw new IllegalStateException(location + " " + key + ": unknown level " + level);
                    }
                    bullets.put(level, SchemeYaml.strings(list));
                });
                for (String level : levelKeys) {
                    if (!bullets.containsKey(level) && !bullets.containsKey(ALL)) {
                        throw new IllegalStateException(location + " " + key + " has no bullets for level " + level);
                    }
                }
                if (!areaKeys.add(key)) {
                    throw new IllegalStateException(location + ": area key " + key + " is used twice");
                }
                String label = rawAreas.size() == 1 && areaName.equals(name) ? name : name + ": " + areaName;
                areas.add(new Area(key, name, areaName, label, SchemeYaml.strings(a.get("keywords")), definition, bullets));
            }
            indicators.add(new Indicator(SchemeYaml.text(i, "key", location), name, definition, List.copyOf(areas)));
            all.addAll(areas);
        }
        Map<String, Object> values = SchemeYaml.map(root, "values", location);
        List<LeadershipValue> valueList = new ArrayList<>();
        for (Map<String, Object> v : SchemeYaml.list(values, "list", location + " values")) {
            valueList.add(new LeadershipValue(SchemeYaml.text(v, "name", location), SchemeYaml.text(v, "text", location)));
        }
        Map<String, List<String>> features = new LinkedHashMap<>();
        SchemeYaml.map(root, "keyFeatures", location).forEach((k, v) -> features.put(k, SchemeYaml.strings(v)));
        scheme = new Scheme(SchemeYaml.text(root, "version", location), SchemeYaml.text(root, "source", location),
                SchemeYaml.text(root, "purpose", location), SchemeYaml.text(root, "performance", location), List.copyOf(levels),
                byDefault, streams, List.copyOf(indicators), SchemeYaml.text(values, "introduction", location),
                List.copyOf(valueList), features);
        areas = List.copyOf(all);
    }

    public Scheme scheme() {
        return scheme;
    }

    public String version() {
        return scheme.version();
    }

    /** The rated areas in order: Aspiration, Engagement, then Ability's three. */
    List<Area> areas() {
        return areas;
    }

    /** The level for a participant in development stream {@code stream} (1 or 2), or the default without one. */
    LevelChoice levelFor(@Nullable Integer stream) {
        return stream == null ? scheme.defaultLevel() : scheme.streams().getOrDefault(String.valueOf(stream), scheme.defaultLevel());
    }

    String levelName(String key) {
        return scheme.levels().stream().filter(l -> l.key().equals(key)).map(Level::name).findFirst().orElse(key);
    }

    private static LevelChoice choice(Map<String, Object> raw, Set<String> levels, String where) {
        String level = SchemeYaml.text(raw, "level", where);
        if (!levels.contains(level)) {
            throw new IllegalStateException(where + ": unknown level " + level);
        }
        return new LevelChoice(level, SchemeYaml.text(raw, "reason", where));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
