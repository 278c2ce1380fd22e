package uk.nhs.hps.faq;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The issue-11 evaluation set (src/test/resources/faq/eval, written from the seed documents by someone who did not
 * write the knowledge base): questions labelled with the topics that answer them and their kind. Both first halves
 * (tuning.yml and heldout.yml) have been looked at while tuning, so together they are the development set, for
 * choosing settings by cross-validation; the fresh held-out set (fresh/heldout.yml, written later by someone else) is
 * read only to report, by the benchmark, once (see README.md there).
 */
public final class EvalSet {

    public enum Kind { faq, docs, twopart, offtopic, smalltalk, personal }

    public record Question(String text, Set<String> topics, Kind kind) {
        public boolean inScope() {
            return kind == Kind.faq || kind == Kind.docs;
        }
    }

    private EvalSet() {
    }

    /** The development set: both first halves, tuning.yml then heldout.yml (tuned on; cross-validate inside it). */
    public static List<Question> development() {
        List<Question> all = new java.util.ArrayList<>(load("tuning"));
        all.addAll(load("heldout"));
        return List.copyOf(all);
    }

    /** The fresh held-out set: for the benchmark's final report only, never for choosing anything. */
    public static List<Question> freshHeldout() {
        return load("fresh/heldout");
    }

    /** {@code tuning}, {@code heldout} or {@code fresh/heldout}. */
    @SuppressWarnings("unchecked")
    public static List<Question> load(String half) {
        try (InputStream in = EvalSet.class.getResourceAsStream("/faq/eval/" + half + ".yml")) {
            if (in == null) {
                throw new IllegalStateException("No evaluation half " + half);
            }
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return ((List<Map<String, Object>>) root.get("questions")).stream()
                    .map(m -> new Question(String.valueOf(m.get("q")),
                            Set.copyOf((List<String>) m.getOrDefault("topics", List.of())),
                            Kind.valueOf(String.valueOf(m.get("kind"))))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the bot's reading of a question is what the label asks for. */
    public static boolean correct(Question q, FaqReader.Reading r) {
        return switch (q.kind()) {
            case faq, docs -> r.kind() == FaqReader.Kind.ANSWER
                    && r.answers().stream().anyMatch(e -> e.topics().stream().anyMatch(q.topics()::contains));
            case twopart -> r.kind() == FaqReader.Kind.ANSWER && q.topics().stream().allMatch(
                    t -> r.answers().stream().anyMatch(e -> e.topics().contains(t)));
            // no scheme fact given: anything but a direct FAQ answer
            case offtopic -> r.kind() != FaqReader.Kind.ANSWER;
            case smalltalk -> r.kind() == FaqReader.Kind.SMALL_TALK;
            case personal -> r.kind() == FaqReader.Kind.PERSONAL;
        };
    }

    /** Per kind: {questions, correct}, plus for in-scope kinds {answered wrong, right entry among suggestions}. */
    public static Map<Kind, int[]> score(List<Question> questions, Function<String, FaqReader.Reading> reader) {
        Map<Kind, int[]> out = new EnumMap<>(Kind.class);
        for (Question q : questions) {
            FaqReader.Reading r = reader.apply(q.text());
            int[] c = out.computeIfAbsent(q.kind(), k -> new int[4]);
            c[0]++;
            if (correct(q, r)) {
                c[1]++;
            } else if (q.inScope() && r.kind() == FaqReader.Kind.ANSWER) {
                c[2]++;
            }
            if (q.inScope() && r.kind() == FaqReader.Kind.SUGGEST && r.result().orElseThrow().candidates().stream().limit(3)
                    .anyMatch(cand -> cand.entry().topics().stream().anyMatch(q.topics()::contains))) {
                c[3]++;
            }
        }
        return out;
    }
}
