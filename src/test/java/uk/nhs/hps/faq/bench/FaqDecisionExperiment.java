package uk.nhs.hps.faq.bench;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import uk.nhs.hps.faq.EvalSet;
import uk.nhs.hps.faq.FaqIndex;
import uk.nhs.hps.faq.FusionTuning;
import uk.nhs.hps.faq.KnowledgeBaseFile;
import uk.nhs.hps.faq.KnowledgeEntry;
import uk.nhs.hps.faq.MiniLmEmbedder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fourth round of issue 11: the shipped grid search ({@link FusionTuning}) under other objectives (suggestion credit,
 * a cost per suggestion list, heavier costs for off-topic answers) and with rival entries naming what the scheme does
 * not cover, each by 5-fold cross-validation on the DEVELOPMENT set only (the held-out set is never read here).
 * Development tool, not a report:
 * {@code ./mvnw -q -o -Pbench test-compile exec:java -Dbench.main=uk.nhs.hps.faq.bench.FaqDecisionExperiment
 * -Dexperiment.kb=shipped,not-covered -Dexperiment.costs=2:3:0.2:0.5,2:3:0:0.5}
 * (costs: wrong : off-topic answered : suggestion credit, negative for a cost per list : off-topic suggested).
 */
public final class FaqDecisionExperiment {

    private FaqDecisionExperiment() {
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        List<KnowledgeEntry> shipped = KnowledgeBaseFile.shipped().entries();
        List<EvalSet.Question> dev = EvalSet.development().stream()
                .filter(q -> q.inScope() || q.kind() == EvalSet.Kind.offtopic).toList();
        System.out.printf("development set: %d in-scope, %d off-topic; %d entries%n",
                dev.stream().filter(EvalSet.Question::inScope).count(),
                dev.stream().filter(q -> !q.inScope()).count(), shipped.size());
        CachingEmbedder embedder = new CachingEmbedder("minilm", MiniLmEmbedder::shared);
        for (String kb : System.getProperty("experiment.kb", "shipped").split(",")) {
            List<KnowledgeEntry> entries = new ArrayList<>(shipped);
            if (kb.equals("not-covered")) {
                entries.addAll(notCovered(System.getProperty("experiment.not-covered", "/faq/not-covered.yml")));
            }
            FaqIndex index = FaqIndex.build(entries, embedder, FaqIndex.Fusion.DEFAULT);
            List<FusionTuning.Item> items = dev.stream().map(q -> {
                var u = index.match(q.text()).understanding();
                double unknown = u.terms().isEmpty() ? 1 : (double) u.unknownTerms().size() / u.terms().size();
                return new FusionTuning.Item(q, index.evidence(q.text()), unknown);
            }).toList();
            embedder.save();
            System.out.printf("%n=== knowledge base %s (%d entries)%n", kb, entries.size());
            if (kb.equals("not-covered")) {
                // how often a not-covered entry is ranked first, in-scope (lost) and off-topic (caught)
                for (boolean inScope : new boolean[]{true, false}) {
                    List<EvalSet.Question> qs = dev.stream().filter(q -> q.inScope() == inScope).toList();
                    List<String> first = qs.stream().filter(q -> index.match(q.text()).top()
                            .filter(c -> FusionTuning.NOT_COVERED.equals(c.entry().category())).isPresent()).map(EvalSet.Question::text).toList();
                    System.out.printf("  %s: a not-covered entry ranked first for %d of %d%n",
                            inScope ? "in-scope" : "off-topic", first.size(), qs.size());
                    if (inScope) {
                        first.forEach(t -> System.out.println("    lost: " + t));
                    }
                }
            }
            if (Boolean.getBoolean("experiment.misses")) {
                misses(index, dev);
            }
            for (String spec : System.getProperty("experiment.costs", "2:3:0.2:0.5").split(",")) {
                String[] c = spec.split(":");
                FusionTuning.Costs costs = new FusionTuning.Costs(Double.parseDouble(c[0]), Double.parseDouble(c[1]),
                        Double.parseDouble(c[2]), Double.parseDouble(c[3]));
                long t0 = System.nanoTime();
                double[] cv = FusionTuning.crossValidate(items, 5, FusionTuning.MarginMode.RELATIVE_OTHER_TOPIC, costs);
                FusionTuning.Choice chosen = FusionTuning.choose(items, FusionTuning.MarginMode.RELATIVE_OTHER_TOPIC, costs);
                String all = chosen.fusion() + (chosen.unknownPenalty() == 0 ? "" : " unknown penalty " + chosen.unknownPenalty());
                System.out.printf("  costs %s: CV in-scope right %.1f%% (faq %.1f%%, docs %.1f%%), wrong %.1f%%,"
                                + " off-topic no fact %.1f%%; chosen on all: %s (%.0f s)%n", spec, 100 * cv[0], 100 * cv[2],
                        100 * cv[3], 100 * cv[4], 100 * cv[1], all, (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /** In-scope development questions whose right entry is not ranked first (to find gaps in the knowledge base). */
    static void misses(FaqIndex index, List<EvalSet.Question> dev) {
        for (EvalSet.Question q : dev) {
            if (!q.inScope()) {
                continue;
            }
            uk.nhs.hps.faq.MatchResult r = index.match(q.text());
            var top = r.top().orElse(null);
            if (top == null || top.entry().topics().stream().noneMatch(q.topics()::contains)) {
                System.out.printf("MISS %s | want %s | got %s %.3f%n", q.text(), q.topics(),
                        top == null ? "-" : top.entry().id(), r.confidence());
            }
        }
    }

    @SuppressWarnings("unchecked")
    static List<KnowledgeEntry> notCovered(String resource) {
        try (InputStream in = FaqDecisionExperiment.class.getResourceAsStream(resource)) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return ((List<Map<String, Object>>) root.get("entries")).stream().map(m -> new KnowledgeEntry(
                    (String) m.get("id"), FusionTuning.NOT_COVERED, (String) m.get("question"),
                    (List<String>) m.get("alternatives"), (String) m.get("answer"), "", true, null, null)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
