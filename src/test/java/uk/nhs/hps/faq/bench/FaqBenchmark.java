package uk.nhs.hps.faq.bench;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import uk.nhs.hps.faq.Evaluation;
import uk.nhs.hps.faq.FaqIndex;
import uk.nhs.hps.faq.KnowledgeBaseFile;
import uk.nhs.hps.faq.KnowledgeEntry;
import uk.nhs.hps.faq.MatchResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * The FAQ benchmark: accuracy and abstention of the matcher on the evaluation set, the same figures for a
 * plain BM25 baseline, how well the confidence is calibrated, and matching latency on the real knowledge
 * base and on a synthetic 1,000-entry one. Run with {@code ./mvnw -q -Pbench test-compile exec:java}.
 */
public final class FaqBenchmark {

    private FaqBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Locale.setDefault(Locale.ROOT);
        List<KnowledgeEntry> entries = KnowledgeBaseFile.shipped().entries();
        Evaluation.Set_ set = Evaluation.load();
        FaqIndex index = FaqIndex.build(entries);
        long inDomain = set.questions().size();
        long holdout = set.questions().stream().filter(Evaluation.Question::holdout).count();
        System.out.printf("FAQ benchmark: %d entries, %d in-domain questions (%d held out), %d off-topic%n%n",
                index.size(), inDomain, holdout, set.offTopic().size());

        Evaluation.Figures mine = Evaluation.score(set, q -> Evaluation.verdict(index, q), false);
        Evaluation.Figures mineHoldout = Evaluation.score(set, q -> Evaluation.verdict(index, q), true);
        System.out.println("HPS matcher (synonyms + typo correction + rerank + calibrated confidence)");
        System.out.printf("  top-1 accuracy            %.1f%%  (%d/%d; held-out only %.1f%%)%n", 100 * mine.top1Accuracy(),
                mine.top1Correct(), mine.questions(), 100 * mineHoldout.top1Accuracy());
        System.out.printf("  answered directly, right  %.1f%%%n", 100 * mine.answeredCorrectRate());
        System.out.printf("  answered directly, wrong  %.1f%%  (%d)%n", 100 * mine.wrongAnswerRate(), mine.answeredWrong());
        System.out.printf("  right entry among suggestions when unsure  %d%n", mine.suggestedContaining());
        System.out.printf("  off-topic abstention      %.1f%%  (honest fallback; never answered directly: %.1f%%)%n%n",
                100 * mine.abstention(), 100 * mine.noDirectAnswerRate());

        Bm25Baseline baseline = new Bm25Baseline(entries);
        double[] inScores = set.questions().stream().mapToDouble(q -> baseline.topScore(q.text())).sorted().toArray();
        double threshold = inScores[(int) Math.floor(0.10 * inScores.length)];
        Evaluation.Figures plain = Evaluation.score(set, q -> baseline.verdict(q, threshold), false);
        Evaluation.Figures plainHoldout = Evaluation.score(set, q -> baseline.verdict(q, threshold), true);
        long offTopicNoHit = set.offTopic().stream().filter(q -> baseline.topScore(q) == 0).count();
        System.out.println("BM25-only baseline (Lucene EnglishAnalyzer, question + alternatives + answer, no rerank)");
        System.out.printf("  top-1 accuracy            %.1f%%  (%d/%d; held-out only %.1f%%)%n", 100 * plain.top1Accuracy(),
                plain.top1Correct(), plain.questions(), 100 * plainHoldout.top1Accuracy());
        System.out.printf("  off-topic abstention      %.1f%%  at a raw-score threshold of %.2f that still answers 90%% of"
                + " in-domain questions; %.1f%% with no threshold (no hit at all)%n%n", 100 * plain.abstention(), threshold,
                100.0 * offTopicNoHit / set.offTopic().size());

        System.out.println("Confidence calibration on the in-domain questions (confidence band: questions, top-1 right)");
        double[][] bands = {{0, 0.3}, {0.3, 0.6}, {0.6, 0.8}, {0.8, 1.01}};
        for (double[] band : bands) {
            int n = 0;
            int right = 0;
            for (Evaluation.Question q : set.questions()) {
                MatchResult r = index.match(q.text());
                if (r.confidence() >= band[0] && r.confidence() < band[1]) {
                    n++;
                    right += r.top().map(c -> q.ids().contains(c.entry().id()) ? 1 : 0).orElse(0);
                }
            }
            System.out.printf("  %.1f–%.1f: %3d questions, %s right%n", band[0], Math.min(1.0, band[1]), n,
                    n == 0 ? "-" : String.format("%.0f%%", 100.0 * right / n));
        }
        System.out.println();

        List<String> queries = new ArrayList<>();
        set.questions().forEach(q -> queries.add(q.text()));
        queries.addAll(set.offTopic());
        latency("real knowledge base (" + index.size() + " entries)", index, queries);
        long start = System.nanoTime();
        FaqIndex synthetic = FaqIndex.build(synthetic(entries, 1000));
        System.out.printf("%nsynthetic knowledge base built in %.0f ms%n", (System.nanoTime() - start) / 1e6);
        latency("synthetic knowledge base (" + synthetic.size() + " entries)", synthetic, queries);
        System.out.println("\nTarget: p99 ≤ 5 ms per question. Machine: " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + System.getProperty("java.version"));
    }

    private static void latency(String label, FaqIndex index, List<String> queries) {
        for (int warm = 0; warm < 30; warm++) {
            queries.forEach(index::match);
        }
        int rounds = 20;
        long[] nanos = new long[queries.size() * rounds];
        int i = 0;
        for (int round = 0; round < rounds; round++) {
            for (String q : queries) {
                long t0 = System.nanoTime();
                index.match(q);
                nanos[i++] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("latency, %s: p50 %.3f ms, p99 %.3f ms, max %.3f ms over %d matches%n", label,
                nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6, nanos[nanos.length - 1] / 1e6,
                nanos.length);
    }

    /** The real entries plus generated ones built from the knowledge base's own words, to reach {@code size}. */
    static List<KnowledgeEntry> synthetic(List<KnowledgeEntry> real, int size) {
        List<String> words = new ArrayList<>();
        for (KnowledgeEntry e : real) {
            for (String w : (e.question() + " " + e.answer()).toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
                if (w.length() > 2) {
                    words.add(w);
                }
            }
        }
        Random random = new Random(42);
        Function<Integer, String> sentence = n -> {
            StringBuilder s = new StringBuilder();
            for (int k = 0; k < n; k++) {
                s.append(k == 0 ? "" : " ").append(random.nextBoolean() ? words.get(random.nextInt(words.size()))
                        : "w" + Integer.toString(random.nextInt(20000), 36));
            }
            return s.toString();
        };
        List<KnowledgeEntry> all = new ArrayList<>(real);
        for (int i = all.size(); i < size; i++) {
            all.add(new KnowledgeEntry("synthetic-" + i, "Synthetic", sentence.apply(6 + random.nextInt(6)) + "?",
                    List.of(sentence.apply(7) + "?", sentence.apply(5) + "?", sentence.apply(8) + "?"),
                    sentence.apply(60 + random.nextInt(120)), "synthetic", true, Instant.EPOCH));
        }
        return all;
    }

    /** Plain Lucene BM25: English analysis, one document per entry, every term over every field. */
    static final class Bm25Baseline {
        private final Analyzer analyzer = new EnglishAnalyzer();
        private final IndexSearcher searcher;

        Bm25Baseline(List<KnowledgeEntry> entries) throws IOException {
            ByteBuffersDirectory dir = new ByteBuffersDirectory();
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
                for (KnowledgeEntry e : entries) {
                    Document d = new Document();
                    d.add(new StringField("id", e.id(), Field.Store.YES));
                    d.add(new TextField("question", e.question(), Field.Store.NO));
                    d.add(new TextField("alternatives", String.join(" \n ", e.alternatives()), Field.Store.NO));
                    d.add(new TextField("answer", e.answer(), Field.Store.NO));
                    w.addDocument(d);
                }
            }
            searcher = new IndexSearcher(DirectoryReader.open(dir));
        }

        private TopDocs search(String text) {
            BooleanQuery.Builder q = new BooleanQuery.Builder();
            try (TokenStream ts = analyzer.tokenStream("question", text)) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                ts.reset();
                while (ts.incrementToken()) {
                    for (String field : List.of("question", "alternatives", "answer")) {
                        q.add(new TermQuery(new Term(field, term.toString())), BooleanClause.Occur.SHOULD);
                    }
                }
                ts.end();
                return searcher.search(q.build(), 3);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        double topScore(String text) {
            TopDocs top = search(text);
            return top.scoreDocs.length == 0 ? 0 : top.scoreDocs[0].score;
        }

        Evaluation.Verdict verdict(String text, double threshold) {
            TopDocs top = search(text);
            if (top.scoreDocs.length == 0) {
                return new Evaluation.Verdict(null, List.of(), MatchResult.Outcome.FALLBACK, 0);
            }
            try {
                String id = searcher.storedFields().document(top.scoreDocs[0].doc).get("id");
                float score = top.scoreDocs[0].score;
                return new Evaluation.Verdict(id, List.of(id), score >= threshold ? MatchResult.Outcome.ANSWER
                        : MatchResult.Outcome.FALLBACK, score);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
