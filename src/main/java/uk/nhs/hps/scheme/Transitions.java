package uk.nhs.hps.scheme;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import uk.nhs.hps.people.CareerTransition;
import uk.nhs.hps.people.DevelopmentStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The two career transitions (000) and the four areas their key changes fall into, read from YAML
 * ({@code scheme.transitions}, default {@code classpath:scheme/transitions.yml}). Every text carries the
 * document, section and passage it comes from, so a card or the PDF can say where it stands in the scheme's
 * own words. A file that names an unknown area, repeats a key or pairs a stream with the other transition
 * stops the start.
 */
@Singleton
public class Transitions {

    /** Where a text comes from: a seed document's key (e.g. "000"), the section and the passage word for word. */
    @Serdeable
    public record Source(String document, String section, String passage) {
    }

    /** A text as shown, with its source; {@code note} says why it differs from the passage, when it does. */
    @Serdeable
    public record Quoted(String text, Source source, @Nullable String note) {
    }

    @Serdeable
    public record Document(String key, String title, String file) {
    }

    /**
     * One of 000's four areas, with our mapping to the Aspire Together Success Profile (004's names) and the
     * Healthcare Leadership Model (dimension keys of the reflective log), and the reason for it.
     */
    @Serdeable
    public record Area(String key, String name, String shortName, List<String> successProfileCompetencies,
                       List<String> successProfileExperiences, List<String> healthcareLeadershipModel, String why,
                       Source source) {
    }

    @Serdeable
    public record KeyChange(String area, String text, Source source, @Nullable String note) {
    }

    @Serdeable
    public record KeyExperience(String key, String name, String text, Source source) {
    }

    @Serdeable
    public record Transition(CareerTransition id, int number, int stream, String name, Quoted summary,
                             Quoted targetRoles, Quoted streamGuidance, Quoted exampleRoles, Quoted pairing,
                             List<KeyChange> keyChanges, Quoted keyExperiencesIntro,
                             List<KeyExperience> keyExperiences) {

        public Optional<KeyExperience> keyExperience(String key) {
            return keyExperiences.stream().filter(k -> k.key().equals(key)).findFirst();
        }
    }

    /** 001: how many key experiences a participant undertakes during the scheme. */
    @Serdeable
    public record Expectation(int count, Source source) {
    }

    private final String version;
    private final List<Document> documents;
    private final Quoted definition;
    private final Expectation keyExperiencesExpected;
    private final Source mapping;
    private final List<Area> areas;
    private final Map<CareerTransition, Transition> transitions = new EnumMap<>(CareerTransition.class);

    @SuppressWarnings("unchecked")
    Transitions(@Value("${scheme.transitions:classpath:scheme/transitions.yml}") String location) {
        Map<String, Object> root;
        try (InputStream in = open(location)) {
            root = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Reader r = new Reader(location);
        version = r.text(root, "version");
        documents = new ArrayList<>();
        r.map(root, "documents").forEach((key, value) -> {
            Map<String, Object> d = (Map<String, Object>) value;
            documents.add(new Document(String.valueOf(key), r.text(d, "title"), r.text(d, "file")));
        });
        Set<String> documentKeys = new HashSet<>();
        documents.forEach(d -> documentKeys.add(d.key()));
        r.documents = documentKeys;
        definition = r.quoted(r.map(root, "definition"));
        Map<String, Object> expected = r.map(root, "keyExperiencesExpected");
        keyExperiencesExpected = new Expectation(((Number) expected.get("count")).intValue(), r.source(expected));
        mapping = r.source(r.map(root, "mapping"));
        areas = new ArrayList<>();
        for (Map<String, Object> a : r.list(root, "areas")) {
            Map<String, Object> sp = r.map(a, "successProfile");
            areas.add(new Area(r.text(a, "key"), r.text(a, "name"), r.text(a, "shortName"), r.texts(sp, "competencies"),
                    r.texts(sp, "experiences"), r.texts(a, "healthcareLeadershipModel"), r.text(a, "why"), r.source(a)));
        }
        r.unique("area", areas.stream().map(Area::key).toList());
        for (Map<String, Object> t : r.list(root, "transitions")) {
            int number = ((Number) t.get("number")).intValue();
            int stream = ((Number) t.get("stream")).intValue();
            CareerTransition id = number == 1 ? CareerTransition.ONE : number == 2 ? CareerTransition.TWO : null;
            DevelopmentStream paired = DevelopmentStream.ofNumber(stream).orElse(null);
            if (id == null || paired == null || paired.transition() != id) {
                throw new IllegalStateException("Transitions file " + location + ": transition " + number
                        + " must be paired with stream " + number + " (001), not " + stream);
            }
            List<KeyChange> changes = new ArrayList<>();
            for (Map<String, Object> c : r.list(t, "keyChanges")) {
                String area = r.text(c, "area");
                if (areas.stream().noneMatch(a -> a.key().equals(area))) {
                    throw new IllegalStateException("Transitions file " + location + ": unknown area " + area);
                }
                changes.add(new KeyChange(area, r.text(c, "text"), r.source(c), (String) c.get("note")));
            }
            Map<String, Object> experiences = r.map(t, "keyExperiences");
            List<KeyExperience> items = new ArrayList<>();
            for (Map<String, Object> e : r.list(experiences, "items")) {
                items.add(new KeyExperience(r.text(e, "key"), r.text(e, "name"), r.text(e, "text"), r.source(e)));
            }
            r.unique("key experience of transition " + number, items.stream().map(KeyExperience::key).toList());
            Transition transition = new Transition(id, number, stream, r.text(t, "name"), r.quoted(r.map(t, "summary")),
                    r.quoted(r.map(t, "targetRoles")), r.quoted(r.map(t, "streamGuidance")),
                    r.quoted(r.map(t, "exampleRoles")), r.quoted(r.map(t, "pairing")), List.copyOf(changes),
                    r.quoted(r.map(experiences, "intro")), List.copyOf(items));
            if (transitions.put(id, transition) != null) {
                throw new IllegalStateException("Transitions file " + location + ": transition " + number + " twice");
            }
        }
        if (transitions.size() != CareerTransition.values().length) {
            throw new IllegalStateException("Transitions file " + location + " must describe both career transitions");
        }
    }

    public String version() {
        return version;
    }

    public List<Document> documents() {
        return List.copyOf(documents);
    }

    /** 000's sentence saying what a career transition is. */
    public Quoted definition() {
        return definition;
    }

    public Expectation keyExperiencesExpected() {
        return keyExperiencesExpected;
    }

    /** 000's sentence saying the areas were mapped to the Success Profile and the HLM. */
    public Source mappingSource() {
        return mapping;
    }

    public List<Area> areas() {
        return List.copyOf(areas);
    }

    public Optional<Area> area(String key) {
        return areas.stream().filter(a -> a.key().equals(key)).findFirst();
    }

    /** Both transitions, transition 1 first. */
    public List<Transition> all() {
        return List.copyOf(transitions.values());
    }

    public Transition of(CareerTransition transition) {
        return transitions.get(transition);
    }

    public Transition of(DevelopmentStream stream) {
        return transitions.get(stream.transition());
    }

    /** The transition that goes with a recorded stream; empty when the participant has none. */
    public Optional<Transition> forStream(@Nullable DevelopmentStream stream) {
        return stream == null ? Optional.empty() : Optional.of(of(stream));
    }

    /** Reads the YAML's shapes, naming the file and the field when one is missing. */
    private static final class Reader {
        private final String location;
        Set<String> documents = Set.of();

        Reader(String location) {
            this.location = location;
        }

        String text(Map<String, Object> m, String key) {
            Object v = m.get(key);
            if (v == null || String.valueOf(v).isBlank()) {
                throw new IllegalStateException("Transitions file " + location + ": missing '" + key + "'");
            }
            return String.valueOf(v);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(Map<String, Object> m, String key) {
            Object v = m.get(key);
            if (!(v instanceof Map)) {
                throw new IllegalStateException("Transitions file " + location + ": missing '" + key + "'");
            }
            return new LinkedHashMap<>((Map<String, Object>) v);
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list(Map<String, Object> m, String key) {
            Object v = m.get(key);
            if (!(v instanceof List<?> l) || l.isEmpty()) {
                throw new IllegalStateException("Transitions file " + location + ": missing list '" + key + "'");
            }
            return (List<Map<String, Object>>) l;
        }

        List<String> texts(Map<String, Object> m, String key) {
            Object v = m.get(key);
            if (!(v instanceof List<?> l)) {
                throw new IllegalStateException("Transitions file " + location + ": missing list '" + key + "'");
            }
            return l.stream().map(String::valueOf).toList();
        }

        Source source(Map<String, Object> m) {
            Map<String, Object> s = map(m, "source");
            String document = text(s, "document");
            if (!documents.contains(document)) {
                throw new IllegalStateException("Transitions file " + location + ": unknown document " + document);
            }
            return new Source(document, text(s, "section"), text(s, "passage"));
        }

        Quoted quoted(Map<String, Object> m) {
            return new Quoted(text(m, "text"), source(m), (String) m.get("note"));
        }

        void unique(String what, List<String> keys) {
            if (new HashSet<>(keys).size() != keys.size()) {
                throw new IllegalStateException("Transitions file " + location + ": a " + what + " key is repeated");
            }
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("file:")) {
            return Files.newInputStream(Path.of(location.substring("file:".length())));
        }
        String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        InputStream in = Transitions.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("No transitions file at " + location);
        }
        return in;
    }
}
