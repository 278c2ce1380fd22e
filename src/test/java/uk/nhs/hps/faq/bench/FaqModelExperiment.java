package uk.nhs.hps.faq.bench;

import uk.nhs.hps.faq.EvalSet;
import uk.nhs.hps.faq.FaqIndex;
import uk.nhs.hps.faq.KnowledgeBaseFile;
import uk.nhs.hps.faq.KnowledgeEntry;
import uk.nhs.hps.faq.MatchResult;
import uk.nhs.hps.faq.MiniLmEmbedder;
import uk.nhs.hps.faq.TextEmbedder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Compares embedding models, ways of fusing meaning with words, and ways of deciding (hand thresholds or a logistic
 * model of "the top entry is right"), each by 5-fold cross-validation on the DEVELOPMENT set only (tuning.yml +
 * heldout.yml; the fresh held-out set is never read here). Every setting of a family is tried inside each fold and the
 * one best on the other four folds is scored on the fold left out. Embeddings are cached in target/faq-embeddings.
 * Development tool, not a report:
 * {@code ./mvnw -q -o -Pbench test-compile exec:java -Dbench.main=uk.nhs.hps.faq.bench.FaqModelExperiment}
 * ({@code -Dexperiment.models=minilm,e5} to choose models).
 */
public final class FaqModelExperiment {

    static final int FOLDS = 5;

    /** One development question with every entry's evidence and how much of it the knowledge base knows. */
    record Q(EvalSet.Question question, List<FaqIndex.Evidence> evidence, int terms, double known,
             List<FaqIndex.Evidence> second) {
        boolean inScope() {
            return question.inScope();
        }
    }

    record Scored(KnowledgeEntry entry, double score, double meaning, double words) {
    }

    /** A way of turning evidence into scores, with its parameters in its name. */
    record Ranking(String name, Function<Q, List<Scored>> rank) {
    }

    private FaqModelExperiment() {
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        List<KnowledgeEntry> entries = KnowledgeBaseFile.shipped().entries();
        List<EvalSet.Question> dev = EvalSet.development().stream()
                .filter(q -> q.inScope() || q.kind() == EvalSet.Kind.offtopic).toList();
        System.out.printf("development set: %d in-scope + off-topic questions; %d entries%n", dev.size(), entries.size());
        Map<String, CachingEmbedder> models = new LinkedHashMap<>();
        models.put("minilm", new CachingEmbedder("minilm", MiniLmEmbedder::shared));
        models.put("e5", new CachingEmbedder("e5-qp", () -> new OnnxEmbedder("/e5-small-v2-q.onnx",
                "/e5-small-v2-q-tokenizer.json", "query: ", "passage: ")));
        models.put("e5-noprefix", new CachingEmbedder("e5-none", () -> new OnnxEmbedder("/e5-small-v2-q.onnx",
                "/e5-small-v2-q-tokenizer.json", "", "")));
        Set<String> wanted = Set.of(System.getProperty("experiment.models", "minilm,e5,minilm+e5").split(","));
        for (String name : List.of("minilm", "e5", "e5-noprefix", "minilm+e5", "minilm/e5-noprefix")) {
            if (!wanted.contains(name)) {
                continue;
            }
            // "a/b": rank with a; b only adds features to the decision (does b agree on the top entry?)
            String[] parts = name.split("/");
            TextEmbedder embedder = parts[0].equals("minilm+e5")
                    ? CachingEmbedder.ensemble(models.get("minilm"), models.get("e5")) : models.get(parts[0]);
            FaqIndex index = FaqIndex.build(entries, embedder, FaqIndex.Fusion.DEFAULT);
            FaqIndex other = parts.length > 1 ? FaqIndex.build(entries, models.get(parts[1]), FaqIndex.Fusion.DEFAULT) : null;
            List<Q> items = dev.stream().map(q -> question(index, other, q)).toList();
            models.values().forEach(CachingEmbedder::save);
            System.out.printf("%n=== model %s%n", name);
            if (Boolean.getBoolean("experiment.loo")) {
                List<Q> loo = leaveOnePhrasingOut(entries, embedder);
                models.values().forEach(CachingEmbedder::save);
                looLogistic(items, loo);
            } else {
                if (Boolean.getBoolean("experiment.rules")) {
                    rules(items);
                }
                run(items);
            }
        }
    }

    static Q question(FaqIndex index, FaqIndex other, EvalSet.Question q) {
        MatchResult r = index.match(q.text());
        int terms = r.understanding().terms().size();
        double known = terms == 0 ? 0 : 1 - (double) r.understanding().unknownTerms().size() / terms;
        return new Q(q, index.evidence(q.text()), terms, known, other == null ? null : other.evidence(q.text()));
    }

    /**
     * Training data that is not the evaluation set: each alternative phrasing of the knowledge base asked against an
     * index built without it (right when the top entry is its own), and calibration.yml's off-topic questions.
     */
    @SuppressWarnings("unchecked")
    static List<Q> leaveOnePhrasingOut(List<KnowledgeEntry> entries, TextEmbedder embedder) {
        List<Q> out = new ArrayList<>();
        for (KnowledgeEntry entry : entries) {
            for (String left : entry.alternatives()) {
                List<KnowledgeEntry> without = entries.stream().map(e -> e != entry ? e : new KnowledgeEntry(e.id(),
                        e.category(), e.question(), e.alternatives().stream().filter(a -> !a.equals(left)).toList(),
                        e.answer(), e.source(), true, e.updatedAt(), e.topics())).toList();
                FaqIndex index = FaqIndex.build(without, embedder, FaqIndex.Fusion.DEFAULT);
                out.add(question(index, null, new EvalSet.Question(left, Set.copyOf(entry.topics()), EvalSet.Kind.faq)));
            }
        }
        FaqIndex index = FaqIndex.build(entries, embedder, FaqIndex.Fusion.DEFAULT);
        try (java.io.InputStream in = FaqModelExperiment.class.getResourceAsStream("/faq/calibration.yml")) {
            Map<String, Object> root = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
                    new org.yaml.snakeyaml.LoaderOptions())).load(in);
            for (String q : (List<String>) root.get("offTopic")) {
                out.add(question(index, null, new EvalSet.Question(q, Set.of(), EvalSet.Kind.offtopic)));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** The logistic decision fitted on leave-one-phrasing-out data only; its two cut-offs chosen inside each CV fold. */
    static void looLogistic(List<Q> dev, List<Q> loo) {
        FaqIndex.Fusion d = FaqIndex.Fusion.DEFAULT;
        Ranking shipped = linear(d.semanticWeight(), d.answerTextWeight(), 0, d.passageWeight());
        List<Prepared> train = prepare(loo, shipped);
        System.out.printf("leave-one-phrasing-out: %d phrasings (%d ranked their own entry first) + %d off-topic%n",
                loo.stream().filter(Q::inScope).count(), train.stream().filter(Prepared::right).count(),
                loo.stream().filter(q -> !q.inScope()).count());
        Logistic model = Logistic.fit(train.stream().map(Prepared::x).toList(),
                train.stream().map(p -> p.right() ? 1 : 0).toList(), 1.0);
        List<Prepared> all = prepare(dev, shipped);
        int[] c = new int[10];
        for (int fold = 0; fold < FOLDS; fold++) {
            List<Prepared> fit = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (i % FOLDS != fold) {
                    fit.add(all.get(i));
                }
            }
            Decision best = cutOffs(fit, model).decision();
            for (int i = fold; i < all.size(); i += FOLDS) {
                tally(c, all.get(i), best.decide(all.get(i).x()));
            }
        }
        print("  logistic decision trained on leave-one-phrasing-out, shipped ranking", c);
        print("  thresholds, shipped ranking (for comparison)", crossValidate(dev, List.of(shipped), Decider.THRESHOLDS));
    }

    /**
     * The shipped grid search (FusionTuning) by 5-fold CV under each way of measuring the lead and each pair of costs
     * (wrong answer, off-topic answered) given in -Dexperiment.costs (e.g. "2:3,2:4,3:4").
     */
    static void rules(List<Q> items) {
        List<uk.nhs.hps.faq.FusionTuning.Item> tuning = items.stream()
                .map(q -> new uk.nhs.hps.faq.FusionTuning.Item(q.question(), q.evidence())).toList();
        for (String pair : System.getProperty("experiment.costs", "2:3").split(",")) {
            String[] c = pair.split(":");
            uk.nhs.hps.faq.FusionTuning.Costs costs = new uk.nhs.hps.faq.FusionTuning.Costs(Double.parseDouble(c[0]),
                    Double.parseDouble(c[1]));
            for (String name : System.getProperty("experiment.modes", "RUNNER_UP,OTHER_TOPIC,RELATIVE_OTHER_TOPIC,"
                    + "RELATIVE_OR_AGREEMENT").split(",")) {
                uk.nhs.hps.faq.FusionTuning.MarginMode mode = uk.nhs.hps.faq.FusionTuning.MarginMode.valueOf(name);
                double[] cv = uk.nhs.hps.faq.FusionTuning.crossValidate(tuning, FOLDS, mode, costs);
                System.out.printf("  grid %s, costs %s: in-scope right %.1f%% (faq %.1f%%, docs %.1f%%), wrong %.1f%%,"
                                + " off-topic no fact %.1f%%; chosen on all: %s%n", mode, pair, 100 * cv[0], 100 * cv[2],
                        100 * cv[3], 100 * cv[4], 100 * cv[1],
                        uk.nhs.hps.faq.FusionTuning.choose(tuning, mode, costs).fusion());
            }
        }
    }

    static List<Prepared> prepare(List<Q> items, Ranking r) {
        return items.stream().map(q -> {
            List<Scored> s = r.rank().apply(q);
            return new Prepared(q, s, features(q, s), q.inScope() && hit(q, s.get(0).entry()));
        }).toList();
    }

    static final double SUGGEST_CREDIT = Double.parseDouble(System.getProperty("experiment.suggest-credit", "0.2"));

    static void run(List<Q> items) {
        List<Ranking> linear = new ArrayList<>();
        for (double sw : new double[]{0.5, 0.6, 0.7, 0.8, 0.9}) {
            for (double aw : new double[]{0.6, 0.8, 1.0}) {
                linear.add(linear(sw, aw, 0));
            }
        }
        List<Ranking> detail = new ArrayList<>();
        for (double sw : new double[]{0.5, 0.6, 0.7, 0.8, 0.9}) {
            for (double cw : new double[]{0.7, 0.8, 0.9, 1.0}) {
                detail.add(linear(sw, 1.0, 0, cw));
            }
        }
        List<Ranking> top2 = new ArrayList<>();
        for (double sw : new double[]{0.5, 0.6, 0.7, 0.8}) {
            for (double aw : new double[]{0.6, 0.8, 1.0}) {
                for (double beta : new double[]{0.25, 0.5}) {
                    top2.add(linear(sw, aw, beta));
                }
            }
        }
        List<Ranking> z = new ArrayList<>();
        for (double sw : new double[]{0.4, 0.5, 0.6, 0.7, 0.8}) {
            for (double aw : new double[]{0.8, 1.0}) {
                z.add(zScore(sw, aw));
            }
        }
        List<Ranking> rrf = new ArrayList<>();
        for (double k : new double[]{2, 5, 10, 30, 60}) {
            for (double aw : new double[]{0.8, 1.0}) {
                rrf.add(rrf(k, aw));
            }
        }
        Map<String, List<Ranking>> families = new LinkedHashMap<>();
        families.put("linear (max phrasing)", linear);
        families.put("linear + answer passages", detail);
        families.put("linear with mean of top-2 phrasings", top2);
        families.put("z-score per question", z);
        families.put("reciprocal-rank fusion", rrf);
        Set<String> only = Set.of(System.getProperty("experiment.families", String.join(",", families.keySet())).split(","));
        for (Map.Entry<String, List<Ranking>> family : families.entrySet()) {
            if (!only.contains(family.getKey())) {
                continue;
            }
            Ranking bestTop1 = null;
            double bestAcc = -1;
            for (Ranking r : family.getValue()) {
                double acc = top1(items, r);
                if (acc > bestAcc) {
                    bestAcc = acc;
                    bestTop1 = r;
                }
            }
            System.out.printf("%s: best top-1 (in-scope, right entry ranked first) %.1f%% with %s%n", family.getKey(),
                    100 * bestAcc, bestTop1.name());
            boolean linearScale = family.getValue() == linear || family.getValue() == top2 || family.getValue() == detail;
            if (linearScale) {
                print("  thresholds (answerAt, relative lead, suggestAt)", crossValidate(items, family.getValue(), Decider.THRESHOLDS));
            }
            print("  logistic decision (trained inside each fold)", crossValidate(items, family.getValue(), Decider.LOGISTIC));
        }
    }

    static void print(String label, int[] c) {
        // c: inScope, right, faq, faqRight, docs, docsRight, wrong, offTopic, offTopicAnswered, suggestedRight
        System.out.printf("%s: in-scope right %.1f%% (faq %.1f%%, docs %.1f%%), wrong %d (%.1f%%), suggested-right %d,"
                        + " off-topic no fact %.1f%%%n", label, pct(c[1], c[0]), pct(c[3], c[2]), pct(c[5], c[4]), c[6],
                pct(c[6], c[0]), c[9], 100 - pct(c[8], c[7]));
    }

    static double pct(int a, int b) {
        return b == 0 ? 0 : 100.0 * a / b;
    }

    // ---------------------------------------------------------------- rankings

    static double meaning(FaqIndex.Evidence e, double aw, double beta) {
        return meaning(e, aw, beta, 0);
    }

    static double meaning(FaqIndex.Evidence e, double aw, double beta, double cw) {
        double phrasing = (1 - beta) * e.phrasingMeaning() + beta * e.secondPhrasingMeaning();
        return Math.max(0, Math.max(Math.max(phrasing, aw * e.answerMeaning()), cw * e.answerDetailMeaning()));
    }

    static double words(FaqIndex.Evidence e) {
        return e.words() == null ? 0 : e.words().lexical();
    }

    static Ranking linear(double sw, double aw, double beta) {
        return linear(sw, aw, beta, 0);
    }

    static Ranking linear(double sw, double aw, double beta, double cw) {
        return new Ranking(String.format("linear sw=%.2f aw=%.2f top2=%.2f cw=%.2f", sw, aw, beta, cw), q -> sorted(
                q.evidence().stream().map(e -> new Scored(e.entry(), sw * meaning(e, aw, beta, cw) + (1 - sw) * words(e),
                        meaning(e, aw, beta, cw), words(e))).toList()));
    }

    static Ranking zScore(double sw, double aw) {
        return new Ranking(String.format("z sw=%.2f aw=%.2f", sw, aw), q -> {
            double[] m = q.evidence().stream().mapToDouble(e -> meaning(e, aw, 0)).toArray();
            double[] w = q.evidence().stream().mapToDouble(FaqModelExperiment::words).toArray();
            double[] zm = z(m);
            double[] zw = z(w);
            List<Scored> out = new ArrayList<>();
            for (int i = 0; i < m.length; i++) {
                out.add(new Scored(q.evidence().get(i).entry(), sw * zm[i] + (1 - sw) * zw[i], m[i], w[i]));
            }
            return sorted(out);
        });
    }

    static double[] z(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / x.length);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = sd == 0 ? 0 : (x[i] - mean) / sd;
        }
        return out;
    }

    static Ranking rrf(double k, double aw) {
        return new Ranking(String.format("rrf k=%.0f aw=%.2f", k, aw), q -> {
            List<FaqIndex.Evidence> ev = q.evidence();
            Map<String, Integer> byMeaning = ranks(ev, e -> meaning(e, aw, 0));
            Map<String, Integer> byWords = ranks(ev.stream().filter(e -> e.words() != null).toList(), FaqModelExperiment::words);
            List<Scored> out = new ArrayList<>();
            for (FaqIndex.Evidence e : ev) {
                double s = 1 / (k + byMeaning.get(e.entry().id()));
                Integer rw = byWords.get(e.entry().id());
                s += rw == null ? 0 : 1 / (k + rw);
                // scaled so the best possible (first on both) is 1
                out.add(new Scored(e.entry(), s * (k + 1) / 2, meaning(e, aw, 0), words(e)));
            }
            return sorted(out);
        });
    }

    static Map<String, Integer> ranks(List<FaqIndex.Evidence> ev, java.util.function.ToDoubleFunction<FaqIndex.Evidence> f) {
        List<FaqIndex.Evidence> s = new ArrayList<>(ev);
        s.sort(Comparator.comparingDouble((FaqIndex.Evidence e) -> -f.applyAsDouble(e)).thenComparing(e -> e.entry().id()));
        Map<String, Integer> out = new java.util.HashMap<>();
        for (int i = 0; i < s.size(); i++) {
            out.put(s.get(i).entry().id(), i + 1);
        }
        return out;
    }

    static List<Scored> sorted(List<Scored> s) {
        List<Scored> out = new ArrayList<>(s);
        out.sort(Comparator.comparingDouble((Scored x) -> -x.score()).thenComparing(x -> x.entry().id()));
        return out;
    }

    static boolean hit(Q q, KnowledgeEntry e) {
        return e.topics().stream().anyMatch(q.question().topics()::contains);
    }

    static double top1(List<Q> items, Ranking r) {
        int n = 0;
        int ok = 0;
        for (Q q : items) {
            if (q.inScope()) {
                n++;
                ok += hit(q, r.rank().apply(q).get(0).entry()) ? 1 : 0;
            }
        }
        return (double) ok / n;
    }

    // ---------------------------------------------------------------- features and decisions

    /** The best entry about something else: one sharing no topic with the top entry. */
    static int rivalIndex(List<Scored> s) {
        Set<String> topics = new HashSet<>(s.get(0).entry().topics());
        for (int i = 1; i < s.size(); i++) {
            if (s.get(i).entry().topics().stream().noneMatch(topics::contains)) {
                return i;
            }
        }
        return -1;
    }

    static final String[] FEATURES = {"score", "meaning", "words", "lead", "relative lead", "gap to second",
            "meaning lead", "words lead", "agree", "log terms", "known"};

    static double[] features(Q q, List<Scored> s) {
        Scored top = s.get(0);
        int r = rivalIndex(s);
        double rival = r < 0 ? 0 : s.get(r).score();
        Set<String> topics = new HashSet<>(top.entry().topics());
        double otherMeaning = 0;
        double otherWords = 0;
        boolean meaningFirst = true;
        boolean wordsFirst = true;
        for (int i = 1; i < s.size(); i++) {
            Scored x = s.get(i);
            if (x.entry().topics().stream().noneMatch(topics::contains)) {
                otherMeaning = Math.max(otherMeaning, x.meaning());
                otherWords = Math.max(otherWords, x.words());
            }
            meaningFirst &= x.meaning() <= top.meaning();
            wordsFirst &= x.words() <= top.words();
        }
        double[] base = {top.score(), top.meaning(), top.words(), top.score() - rival,
                top.score() <= 0 ? 0 : (top.score() - rival) / Math.abs(top.score()),
                top.score() - (s.size() > 1 ? s.get(1).score() : 0), top.meaning() - otherMeaning, top.words() - otherWords,
                meaningFirst && wordsFirst && top.words() > 0 ? 1 : 0, Math.log1p(q.terms()), q.known()};
        if (q.second() == null) {
            return base;
        }
        // the second model: does its closest entry by meaning answer the same, and how close is it to the top entry
        FaqIndex.Evidence best = null;
        double topMeaning = 0;
        for (FaqIndex.Evidence e : q.second()) {
            if (best == null || meaning(e, 1, 0) > meaning(best, 1, 0)) {
                best = e;
            }
            if (e.entry().id().equals(top.entry().id())) {
                topMeaning = meaning(e, 1, 0);
            }
        }
        double[] out = java.util.Arrays.copyOf(base, base.length + 2);
        out[base.length] = best.entry().topics().stream().anyMatch(topics::contains) ? 1 : 0;
        out[base.length + 1] = topMeaning;
        return out;
    }

    enum Decider { THRESHOLDS, LOGISTIC }

    /** A fitted decision: its outcome for one question's ranked list. */
    interface Decision {
        MatchResult.Outcome decide(double[] features);
    }

    record Prepared(Q q, List<Scored> ranked, double[] x, boolean right) {
    }

    record Fitted(Decision decision, double objective) {
    }

    static int[] crossValidate(List<Q> items, List<Ranking> family, Decider decider) {
        int[] c = new int[10];
        Map<Ranking, List<Prepared>> prepared = new LinkedHashMap<>();
        for (Ranking r : family) {
            prepared.put(r, prepare(items, r));
        }
        for (int fold = 0; fold < FOLDS; fold++) {
            Fitted best = null;
            Ranking bestRanking = null;
            for (Ranking r : family) {
                List<Prepared> all = prepared.get(r);
                List<Prepared> train = new ArrayList<>();
                for (int i = 0; i < all.size(); i++) {
                    if (i % FOLDS != fold) {
                        train.add(all.get(i));
                    }
                }
                Fitted f = decider == Decider.THRESHOLDS ? fitThresholds(train) : fitLogistic(train);
                if (best == null || f.objective() > best.objective() + 1e-9) {
                    best = f;
                    bestRanking = r;
                }
            }
            List<Prepared> all = prepared.get(bestRanking);
            for (int i = fold; i < all.size(); i += FOLDS) {
                tally(c, all.get(i), best.decision().decide(all.get(i).x()));
            }
        }
        return c;
    }

    static void tally(int[] c, Prepared p, MatchResult.Outcome o) {
        if (p.q().inScope()) {
            c[0]++;
            boolean faq = p.q().question().kind() == EvalSet.Kind.faq;
            c[faq ? 2 : 4]++;
            if (o == MatchResult.Outcome.ANSWER) {
                if (p.right()) {
                    c[1]++;
                    c[faq ? 3 : 5]++;
                } else {
                    c[6]++;
                }
            } else if (o == MatchResult.Outcome.SUGGEST && p.ranked().stream().limit(3).anyMatch(s -> hit(p.q(), s.entry()))) {
                c[9]++;
            }
        } else {
            c[7]++;
            c[8] += o == MatchResult.Outcome.ANSWER ? 1 : 0;
        }
    }

    /** What a wrong direct answer costs in the objective (the benchmark's is 2; -Dexperiment.wrong-cost to compare). */
    static final double WRONG_COST = Double.parseDouble(System.getProperty("experiment.wrong-cost", "2"));

    /** The benchmark's objective: +1 right answer, −2 wrong, −3 off-topic answered, ±0.5 for suggestions. */
    static double objective(List<Prepared> train, Decision d) {
        double j = 0;
        for (Prepared p : train) {
            MatchResult.Outcome o = d.decide(p.x());
            if (p.q().inScope()) {
                if (o == MatchResult.Outcome.ANSWER) {
                    j += p.right() ? 1 : -WRONG_COST;
                } else if (o == MatchResult.Outcome.SUGGEST && p.ranked().stream().limit(3).anyMatch(s -> hit(p.q(), s.entry()))) {
                    j += SUGGEST_CREDIT;
                }
            } else if (o == MatchResult.Outcome.ANSWER) {
                j -= 3;
            } else if (o == MatchResult.Outcome.SUGGEST) {
                j -= 0.5;
            }
        }
        return j;
    }

    static Fitted fitThresholds(List<Prepared> train) {
        Fitted best = null;
        for (double answerAt = 0.35; answerAt <= 0.80; answerAt += 0.025) {
            for (double lead : new double[]{0, 0.02, 0.04, 0.06, 0.1, 0.15}) {
                for (double suggestAt = 0.25; suggestAt <= answerAt + 1e-9; suggestAt += 0.05) {
                    double a = answerAt;
                    double s = suggestAt;
                    Decision d = x -> x[0] >= a && x[4] >= lead ? MatchResult.Outcome.ANSWER
                            : x[0] >= s ? MatchResult.Outcome.SUGGEST : MatchResult.Outcome.FALLBACK;
                    double j = objective(train, d);
                    if (best == null || j > best.objective() + 1e-9) {
                        best = new Fitted(d, j);
                    }
                }
            }
        }
        return best;
    }

    static Fitted fitLogistic(List<Prepared> train) {
        Logistic model = Logistic.fit(train.stream().map(Prepared::x).toList(),
                train.stream().map(p -> p.right() ? 1 : 0).toList(), 1.0);
        return cutOffs(train, model);
    }

    static Fitted cutOffs(List<Prepared> train, Logistic model) {
        Fitted best = null;
        for (double a = 0.3; a <= 0.951; a += 0.025) {
            for (double s = 0.05; s <= a + 1e-9; s += 0.05) {
                double pa = a;
                double ps = s;
                Decision d = x -> {
                    double p = model.probability(x);
                    return p >= pa ? MatchResult.Outcome.ANSWER : p >= ps ? MatchResult.Outcome.SUGGEST : MatchResult.Outcome.FALLBACK;
                };
                double j = objective(train, d);
                if (best == null || j > best.objective() + 1e-9) {
                    best = new Fitted(d, j);
                }
            }
        }
        return best;
    }
}
