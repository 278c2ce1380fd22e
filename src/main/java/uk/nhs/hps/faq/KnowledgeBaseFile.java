package uk.nhs.hps.faq;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and writes the versioned knowledge-base file ({@code classpath:faq/knowledge-base.yml}).
 * The writer produces a stable, diff-friendly layout (answers as literal blocks) so the generated
 * file can be reviewed like source.
 */
public final class KnowledgeBaseFile {

    public static final String SHIPPED = "/faq/knowledge-base.yml";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");

    /** The file's content: its version and entries, in file order. */
    public record Content(int version, List<KnowledgeEntry> entries) {
    }

    private KnowledgeBaseFile() {
    }

    public static Content shipped() {
        try (InputStream in = KnowledgeBaseFile.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("The jar has no " + SHIPPED);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Content read(InputStream in) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("A knowledge base is a YAML map with version and entries");
        }
        int version = ((Number) map.get("version")).intValue();
        List<KnowledgeEntry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Object item : (List<Object>) map.get("entries")) {
            Map<String, Object> e = (Map<String, Object>) item;
            String id = string(e, "id");
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("Entry id '" + id + "' must be lower-case letters, digits and dashes");
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException("Entry id '" + id + "' appears twice");
            }
            List<String> alternatives = e.get("alternatives") == null ? List.of()
                    : ((List<Object>) e.get("alternatives")).stream().map(String::valueOf).toList();
            List<String> topics = e.get("topics") == null ? List.of()
                    : ((List<Object>) e.get("topics")).stream().map(String::valueOf).toList();
            entries.add(new KnowledgeEntry(id, string(e, "category"), string(e, "question"), alternatives,
                    string(e, "answer").strip(), string(e, "source"),
                    !Boolean.FALSE.equals(e.get("enabled")), instant(e.get("updatedAt")), topics));
        }
        return new Content(version, List.copyOf(entries));
    }

    public static String write(Content content, String headerComment) {
        StringBuilder out = new StringBuilder();
        for (String line : headerComment.split("\n")) {
            out.append("# ").append(line).append('\n');
        }
        out.append("version: ").append(content.version()).append("\n\nentries:\n");
        for (KnowledgeEntry entry : content.entries()) {
            out.append("  - id: ").append(entry.id()).append('\n');
            out.append("    category: ").append(quoted(entry.category())).append('\n');
            out.append("    question: ").append(quoted(entry.question())).append('\n');
            out.append("    alternatives:\n");
            for (String alternative : entry.alternatives()) {
                out.append("      - ").append(quoted(alternative)).append('\n');
            }
            out.append("    answer: |-\n");
            for (String line : entry.answer().split("\n", -1)) {
                out.append(line.isEmpty() ? "" : "      " + line).append('\n');
            }
            out.append("    source: ").append(quoted(entry.source())).append('\n');
            if (!entry.topics().equals(List.of(entry.id()))) {
                out.append("    topics: [").append(String.join(", ", entry.topics())).append("]\n");
            }
            out.append("    enabled: ").append(entry.enabled()).append('\n');
            out.append("    updatedAt: ").append(entry.updatedAt()).append("\n\n");
        }
        return out.toString();
    }

    private static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String string(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? null : String.valueOf(value);
    }

    private static Instant instant(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        return value == null ? null : Instant.parse(String.valueOf(value));
    }
}
