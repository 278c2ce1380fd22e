package uk.nhs.hps.faq.tools;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import uk.nhs.hps.faq.KnowledgeBaseFile;
import uk.nhs.hps.faq.KnowledgeEntry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the shipped knowledge base from the HPS FAQ seed (question TAB HTML answer, with category rows)
 * and the hand-curated ids, alternative phrasings and extra entries in {@code kb-curation.yml}.
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=uk.nhs.hps.faq.tools.KnowledgeBaseConverter \
 *     -Dexec.args="../shared/seeds src/test/resources/faq/kb-curation.yml src/main/resources/faq/knowledge-base.yml"
 * </pre>
 * The arguments shown are the defaults. The output is deterministic: running it twice gives the same file.
 */
public final class KnowledgeBaseConverter {

    static final List<String> CATEGORIES = List.of("Overview", "Scheme Recruitment", "Participant Offer", "Evaluation");
    private static final Pattern BLOCK_TAG = Pattern.compile("<p>|</p>|<ul[^>]*>|</ul>");
    private static final Pattern ORDINAL_GAP = Pattern.compile("\\b(\\d{1,2})\\s+(st|nd|rd|th)\\b");
    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("(\\S) +([.,;:!?])(?=\\s|$)");
    private static final Pattern DATE_RANGE_DASH = Pattern.compile("(\\d{4})\\s*[-–]\\s*(\\d)");

    private KnowledgeBaseConverter() {
    }

    public static void main(String[] args) throws IOException {
        Path seeds = Path.of(args.length > 0 ? args[0] : "../shared/seeds");
        Path curation = Path.of(args.length > 1 ? args[1] : "src/test/resources/faq/kb-curation.yml");
        Path output = Path.of(args.length > 2 ? args[2] : "src/main/resources/faq/knowledge-base.yml");
        String yaml = convert(seeds, curation);
        Files.writeString(output, yaml, StandardCharsets.UTF_8);
        System.out.println("Wrote " + KnowledgeBaseFile.read(Files.newInputStream(output)).entries().size()
                + " entries to " + output);
    }

    /** The knowledge-base file the seeds and curation produce. */
    public static String convert(Path seedsDirectory, Path curationFile) throws IOException {
        Path faqSeed = seed(seedsDirectory, "001_");
        Curation curation = Curation.read(curationFile);
        List<KnowledgeEntry> entries = new ArrayList<>();
        for (SeedRow row : parseSeed(Files.readString(faqSeed, StandardCharsets.UTF_8))) {
            Curation.Faq curated = curation.faq().get(row.question());
            if (curated == null) {
                throw new IllegalStateException("No id in the curation file for seed question: " + row.question());
            }
            String html = row.html();
            for (Map.Entry<String, String> fix : curation.fixes().entrySet()) {
                html = html.replace(fix.getKey(), fix.getValue());
            }
            entries.add(new KnowledgeEntry(curated.id(), row.category(), row.question(), curated.alternatives(),
                    toMarkdown(html), faqSeed.getFileName() + " (HPS FAQ), section '" + row.category() + "'", true,
                    curation.updatedAt(), curated.topics()));
        }
        for (KnowledgeEntry extra : curation.extra()) {
            entries.add(new KnowledgeEntry(extra.id(), extra.category(), extra.question(), extra.alternatives(),
                    extra.answer().strip(), extra.source(), true, curation.updatedAt(), extra.topics()));
        }
        String header = """
                HPS Companion FAQ knowledge base, version %d. GENERATED: do not edit by hand.
                Made by uk.nhs.hps.faq.tools.KnowledgeBaseConverter from %s and
                src/test/resources/faq/kb-curation.yml (ids, alternative phrasings, extra entries); see docs/faq.md."""
                .formatted(curation.version(), faqSeed.getFileName());
        return KnowledgeBaseFile.write(new KnowledgeBaseFile.Content(curation.version(), entries), header);
    }

    record SeedRow(String category, String question, String html) {
    }

    /**
     * Rows are "question TAB answer"; a row with only a question is a category; a row with only an answer
     * continues the previous answer (the export split some answers across lines).
     */
    static List<SeedRow> parseSeed(String text) {
        List<SeedRow> rows = new ArrayList<>();
        String category = null;
        boolean inTable = false;
        for (String line : text.split("\r?\n")) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            String question = line.substring(0, tab).strip();
            String answer = line.substring(tab + 1).strip();
            if (!inTable) {
                inTable = question.equals("Question");
                continue;
            }
            if (question.isEmpty()) {
                if (!answer.isEmpty() && !rows.isEmpty()) {
                    SeedRow last = rows.remove(rows.size() - 1);
                    rows.add(new SeedRow(last.category(), last.question(), last.html() + " " + answer));
                }
            } else if (answer.isEmpty() && CATEGORIES.contains(question)) {
                category = question;
            } else if (category == null) {
                throw new IllegalStateException("Question before any category: " + question);
            } else {
                rows.add(new SeedRow(category, question, answer));
            }
        }
        return rows;
    }

    /** HTML fragment → Teams Markdown: paragraphs, bullet lists, underlined headings in bold, tidy spacing. */
    static String toMarkdown(String html) {
        String text = decodeEntities(html);
        // an underlined paragraph is a heading; underlining elsewhere is emphasis
        text = text.replaceAll("<p>\\s*<u>(.*?)</u>\\s*</p>", "<p>**$1**</p>");
        text = text.replaceAll("<u>\\s*(.*?)\\s*</u>", "**$1**");
        List<String> blocks = new ArrayList<>();
        Matcher tags = BLOCK_TAG.matcher(text);
        int position = 0;
        boolean inList = false;
        while (true) {
            boolean found = tags.find();
            String chunk = text.substring(position, found ? tags.start() : text.length());
            if (!chunk.isBlank()) {
                blocks.add(inList ? bullets(chunk) : tidy(chunk));
            }
            if (!found) {
                break;
            }
            String tag = tags.group();
            if (tag.startsWith("<ul")) {
                inList = true;
            } else if (tag.equals("</ul>") || tag.equals("<p>")) {
                // the seed never closes its lists: a new paragraph ends one
                inList = false;
            }
            position = tags.end();
        }
        return String.join("\n\n", blocks.stream().filter(b -> !b.isBlank()).toList());
    }

    private static String bullets(String chunk) {
        String body = chunk.strip();
        List<String> items;
        if (body.contains("•")) {
            items = Stream.of(body.split("•")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        } else {
            items = Stream.of(body.split("(?<=\\.)\\s+(?=[A-Z])")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        return String.join("\n", items.stream().map(item -> "- " + tidy(item)).toList());
    }

    static String tidy(String text) {
        String t = text.replaceAll("<[^>]+>", " ").replace('\u00a0', ' ');
        t = t.replaceAll("\\s+", " ").strip();
        t = ORDINAL_GAP.matcher(t).replaceAll("$1$2");
        t = SPACE_BEFORE_PUNCTUATION.matcher(t).replaceAll("$1$2");
        t = DATE_RANGE_DASH.matcher(t).replaceAll("$1 – $2");
        t = t.replaceAll("\\s*/\\s*", "/").replace("( ", "(").replace(" )", ")");
        return t;
    }

    private static String decodeEntities(String html) {
        return html.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }

    private static Path seed(Path directory, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No " + prefix + "* seed in " + directory));
        }
    }

    /** The hand-curated half of the input. */
    record Curation(int version, Instant updatedAt, Map<String, String> fixes, Map<String, Faq> faq,
                    List<KnowledgeEntry> extra) {

        record Faq(String id, List<String> alternatives, List<String> topics) {
        }

        @SuppressWarnings("unchecked")
        static Curation read(Path file) throws IOException {
            Map<String, Object> root;
            try (InputStream in = Files.newInputStream(file)) {
                root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            }
            Instant updatedAt = root.get("updatedAt") instanceof Date d ? d.toInstant()
                    : Instant.parse(String.valueOf(root.get("updatedAt")));
            Map<String, String> fixes = new LinkedHashMap<>();
            for (Map<String, Object> fix : (List<Map<String, Object>>) root.getOrDefault("fixes", List.of())) {
                fixes.put((String) fix.get("from"), (String) fix.get("to"));
            }
            Map<String, Faq> faq = new LinkedHashMap<>();
            for (Map<String, Object> f : (List<Map<String, Object>>) root.get("faq")) {
                faq.put((String) f.get("question"), new Faq((String) f.get("id"),
                        (List<String>) f.getOrDefault("alternatives", List.of()),
                        (List<String>) f.getOrDefault("topics", List.of())));
            }
            List<KnowledgeEntry> extra = new ArrayList<>();
            for (Map<String, Object> e : (List<Map<String, Object>>) root.getOrDefault("extra", List.of())) {
                extra.add(new KnowledgeEntry((String) e.get("id"), (String) e.get("category"), (String) e.get("question"),
                        (List<String>) e.getOrDefault("alternatives", List.of()), (String) e.get("answer"),
                        (String) e.get("source"), true, updatedAt, (List<String>) e.getOrDefault("topics", List.of())));
            }
            return new Curation(((Number) root.get("version")).intValue(), updatedAt, fixes, faq, extra);
        }
    }
}
