package uk.nhs.hps.faq;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An immutable, in-memory search index over the enabled FAQ entries. Matching runs in four steps:
 * <ol>
 *   <li>read the question: strip markup, correct typos against the knowledge base's own words, fold domain
 *       synonyms ({@link DomainSynonyms}), analyse ({@link FaqAnalyzer});</li>
 *   <li>retrieve with Lucene BM25: one document per phrasing (question and each alternative) and one per
 *       answer, combined per entry;</li>
 *   <li>rerank the best candidates on how closely the question resembles one of the entry's phrasings and how
 *       much of the question the entry covers;</li>
 *   <li>turn the top candidate's evidence into a confidence and decide: answer, suggest or fall back.</li>
 * </ol>
 * Rebuilt as a whole when the knowledge base changes; safe to share between threads.
 */
public final class FaqIndex {

    static final String ASK = "ask";
    static final String ANSWER = "answer";
    static final String VOCAB = "vocab";
    static final String ENTRY = "entry";
    static final String KIND = "kind";
    static final float ANSWER_BOOST = 0.35f;
    static final int MAX_QUESTION_CHARS = 500;
    private static final int MAX_TERMS = 48;
    private static final int RERANK_DEPTH = 12;
    private static final double INTENT_BONUS = 0.12;
    private static final Pattern INTENT = Pattern.compile(
            "\\b(how long|how many|how much|how often|who|whom|whose|when|where|why|how|what|which|whats)\\b");
    private static final Pattern YES_NO = Pattern.compile("^(can|could|do|does|is|are|am|will|would|should|may)\\b");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’]*");
    private static final Pattern TAG = Pattern.compile("<[^>]{0,200}>");
    private static final Pattern SCRIPT = Pattern.compile("(?is)<(script|style)\\b[^>]{0,200}>.{0,2000}?</\\1\\s*>");

    /** Weights of the logistic confidence model: features of the top candidate → probability it is right. */
    public record ConfidenceModel(double coverage, double phraseSimilarity, double margin, double unknownShare,
                                  double bias) {
        public static final ConfidenceModel DEFAULT = new ConfidenceModel(1.55, 0.07, 3.07, -2.81, -1.51);

        double confidence(double cov, double sim, double mar, double unknown) {
            double z = coverage * cov + phraseSimilarity * sim + margin * mar + unknownShare * unknown + bias;
            return 1.0 / (1.0 + Math.exp(-z));
        }
    }

    /** Thresholds on the confidence: at or above {@code answer} answer directly; at or above {@code suggest}, suggest. */
    public record Thresholds(double answer, double suggest) {
        public static final Thresholds DEFAULT = new Thresholds(0.6, 0.3);
    }

    /**
     * How meaning (sentence embeddings) and words (BM25 and the rerank) are combined once embeddings are ready,
     * and where the decision lines are. {@code score = semanticWeight × meaning + (1 − semanticWeight) × words},
     * where meaning is the best of: the cosine with the entry's closest phrasing, {@code answerTextWeight} × the
     * cosine with the opening of its answer, and {@code passageWeight} × the cosine with the closest passage (a
     * paragraph or bullet) of its answer. Answer directly when the best score reaches {@code answerAt}
     * and leads the best entry about something else (one sharing no topic with it) by {@code marginAt} of its own
     * score; suggest when it reaches {@code suggestAt}; otherwise fall back. The values are chosen by
     * cross-validation on the development questions (FaqBenchmark), never per question; FaqSettings binds the same
     * defaults.
     */
    public record Fusion(double semanticWeight, double answerTextWeight, double passageWeight, double answerAt,
                         double marginAt, double suggestAt) {
        public static final Fusion DEFAULT = new Fusion(0.6, 1.0, 0, 0.6, 0.04, 0.6);

        MatchResult.Outcome decide(double top, double margin) {
            return top >= answerAt && margin >= marginAt ? MatchResult.Outcome.ANSWER
                    : top >= suggestAt ? MatchResult.Outcome.SUGGEST : MatchResult.Outcome.FALLBACK;
        }
    }

    /**
     * One entry, read for matching. With embeddings, its vectors are rows {@code firstRow ..} of the index's matrix:
     * one per phrasing, then the answer's opening, then {@code detailRows} answer passages.
     */
    private record Prepared(KnowledgeEntry entry, List<String> phrasings, List<String> intents, List<Set<String>> phrasingTerms,
                            Set<String> allPhrasingTerms, Set<String> answerTerms, double[] phrasingNorms,
                            int firstRow, int detailRows) {
    }

    /** How much of an answer is embedded: its opening says what it is about; the rest is detail. */
    static final int ANSWER_HEAD_CHARS = 300;

    private final FaqAnalyzer analyzer = new FaqAnalyzer();
    private final Map<String, Prepared> prepared = new LinkedHashMap<>();
    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private final Set<String> vocabulary = new HashSet<>();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final DirectSpellChecker spelling = new DirectSpellChecker();
    /** For words of five letters or fewer, where only one edit is accepted: skips the costlier two-edit search. */
    private final DirectSpellChecker shortSpelling = new DirectSpellChecker();
    private final ConfidenceModel model;
    private final Thresholds thresholds;
    private final TextEmbedder embedder;
    private final Fusion fusion;
    private final double unknownIdf;
    /**
     * Every stored unit vector (phrasings, answer openings, passages) in one contiguous array, stored by dimension
     * (all rows' first components, then all second components...), so comparing a question with all of them is one
     * pass of multiply-adds over adjacent floats, which the JIT turns into SIMD; null without embeddings.
     */
    private final float[] vectors;
    private final int rowCount;
    /** Per Lucene document: the entry it belongs to (null for the vocabulary-only one) and whether it is an answer. */
    private final String[] documentEntry;
    private final boolean[] documentIsAnswer;

    private FaqIndex(List<KnowledgeEntry> entries, ConfidenceModel model, Thresholds thresholds, TextEmbedder embedder,
                     Fusion fusion) {
        this.model = model;
        this.thresholds = thresholds;
        this.embedder = embedder;
        this.fusion = fusion;
        spelling.setMinPrefix(1);
        spelling.setMinQueryLength(4);
        spelling.setMaxEdits(2);
        shortSpelling.setMinPrefix(1);
        shortSpelling.setMinQueryLength(4);
        shortSpelling.setMaxEdits(1);
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        Map<String, Analyzer> perField = Map.of(VOCAB, new WhitespaceAnalyzer());
        List<float[]> rows = new ArrayList<>();
        try (IndexWriter writer = new IndexWriter(directory,
                new IndexWriterConfig(new PerFieldAnalyzerWrapper(analyzer, perField)))) {
            for (KnowledgeEntry entry : entries) {
                if (!entry.enabled() || prepared.containsKey(entry.id())) {
                    continue;
                }
                List<String> phrasings = entry.phrasings();
                List<Set<String>> phrasingTerms = new ArrayList<>();
                List<String> intents = new ArrayList<>();
                Set<String> all = new HashSet<>();
                for (String phrasing : phrasings) {
                    intents.add(intent(phrasing.toLowerCase(Locale.ROOT)));
                    String folded = fold(phrasing);
                    Set<String> terms = new LinkedHashSet<>(analyzer.terms(folded));
                    phrasingTerms.add(terms);
                    all.addAll(terms);
                    Document doc = new Document();
                    doc.add(new StringField(ENTRY, entry.id(), Field.Store.YES));
                    doc.add(new StringField(KIND, ASK, Field.Store.YES));
                    doc.add(new TextField(ASK, folded, Field.Store.NO));
                    writer.addDocument(doc);
                }
                String answerText = fold(entry.answer());
                Set<String> answerTerms = new HashSet<>(analyzer.terms(answerText));
                Document doc = new Document();
                doc.add(new StringField(ENTRY, entry.id(), Field.Store.YES));
                doc.add(new StringField(KIND, ANSWER, Field.Store.YES));
                doc.add(new TextField(ANSWER, answerText, Field.Store.NO));
                Set<String> raw = rawWords(entry.category() + " " + String.join(" ", phrasings) + " " + entry.answer());
                vocabulary.addAll(raw);
                doc.add(new TextField(VOCAB, String.join(" ", raw), Field.Store.NO));
                writer.addDocument(doc);
                int firstRow = rows.size();
                int detailRows = 0;
                if (embedder != null) {
                    List<float[]> details = answerDetails(entry.answer()).stream().map(DomainSynonyms::spelledOut)
                            .map(embedder::embedStored).toList();
                    phrasings.stream().map(DomainSynonyms::spelledOut).map(embedder::embedStored).forEach(rows::add);
                    rows.add(embedder.embedStored(DomainSynonyms.spelledOut(answerHead(entry.answer()))));
                    rows.addAll(details);
                    detailRows = details.size();
                }
                prepared.put(entry.id(), new Prepared(entry, phrasings, intents, phrasingTerms, all, answerTerms,
                        new double[phrasings.size()], firstRow, detailRows));
                Set<String> entryTerms = new HashSet<>(all);
                entryTerms.addAll(answerTerms);
                entryTerms.forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
            }
            // the synonym rules' own words are known too, so "maternaty" can be corrected to "maternity"
            Document triggers = new Document();
            triggers.add(new TextField(VOCAB, String.join(" ", DomainSynonyms.TRIGGER_WORDS), Field.Store.NO));
            writer.addDocument(triggers);
            vocabulary.addAll(DomainSynonyms.TRIGGER_WORDS);
            writer.commit();
            reader = DirectoryReader.open(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        searcher = new IndexSearcher(reader);
        // read each document's stored fields once here rather than decompressing them for every hit of every question
        documentEntry = new String[reader.maxDoc()];
        documentIsAnswer = new boolean[reader.maxDoc()];
        try {
            StoredFields stored = searcher.storedFields();
            for (int d = 0; d < reader.maxDoc(); d++) {
                Document doc = stored.document(d);
                documentEntry[d] = doc.get(ENTRY);
                documentIsAnswer[d] = ANSWER.equals(doc.get(KIND));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        unknownIdf = idf(0);
        rowCount = rows.size();
        int dimensions = rows.isEmpty() ? 0 : rows.get(0).length;
        vectors = embedder == null ? null : new float[rowCount * dimensions];
        for (int r = 0; r < rowCount; r++) {
            float[] row = rows.get(r);
            for (int i = 0; i < dimensions; i++) {
                vectors[i * rowCount + r] = row[i];
            }
        }
        for (Prepared p : prepared.values()) {
            for (int i = 0; i < p.phrasingTerms().size(); i++) {
                p.phrasingNorms()[i] = Math.sqrt(p.phrasingTerms().get(i).stream().mapToDouble(t -> sq(weight(t))).sum());
            }
        }
    }

    /** Words only (BM25 and rerank): what answers while the embedding model is still loading. */
    public static FaqIndex build(List<KnowledgeEntry> entries) {
        return new FaqIndex(entries, ConfidenceModel.DEFAULT, Thresholds.DEFAULT, null, Fusion.DEFAULT);
    }

    public static FaqIndex build(List<KnowledgeEntry> entries, ConfidenceModel model, Thresholds thresholds) {
        return new FaqIndex(entries, model, thresholds, null, Fusion.DEFAULT);
    }

    /** Words and meaning: every phrasing and the head of every answer embedded with {@code embedder}. */
    public static FaqIndex build(List<KnowledgeEntry> entries, TextEmbedder embedder, Fusion fusion) {
        return new FaqIndex(entries, ConfidenceModel.DEFAULT, Thresholds.DEFAULT, embedder, fusion);
    }

    /** True when this index matches on meaning as well as words. */
    public boolean semantic() {
        return embedder != null;
    }

    /** The same entries and embeddings, decided with other fusion settings (for cross-validation). */
    public FaqIndex withFusion(Fusion other) {
        return new FaqIndex(entries(), model, thresholds, embedder, other);
    }

    /** The opening of an answer, without Markdown, as embedded. */
    static String answerHead(String answer) {
        String plain = answer.replaceAll("[*_#>`]", "").replaceAll("(?m)^\\s*-\\s+", "").replaceAll("\\s+", " ").strip();
        return plain.length() > ANSWER_HEAD_CHARS ? plain.substring(0, ANSWER_HEAD_CHARS) : plain;
    }

    /**
     * The whole answer as passages of a paragraph or a bullet each (short ones joined to the next, each cut at 300
     * characters), so a question about a detail deep in a long answer can still be found by meaning.
     */
    static List<String> answerDetails(String answer) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : answer.split("\\n")) {
            String plain = line.replaceAll("[*_#>`]", "").replaceAll("^\\s*-\\s+", "").strip();
            if (plain.isEmpty()) {
                continue;
            }
            if (current.length() > 0) {
                current.append(' ');
            }
            current.append(plain);
            if (current.length() >= 80) {
                out.add(current.length() > ANSWER_HEAD_CHARS ? current.substring(0, ANSWER_HEAD_CHARS) : current.toString());
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }

    public int size() {
        return prepared.size();
    }

    public List<KnowledgeEntry> entries() {
        return prepared.values().stream().map(Prepared::entry).toList();
    }

    public java.util.Optional<KnowledgeEntry> entry(String id) {
        Prepared p = prepared.get(id);
        return p == null ? java.util.Optional.empty() : java.util.Optional.of(p.entry());
    }

    /** Strips markup and control characters, collapses whitespace and bounds the length of a question. */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        String t = SCRIPT.matcher(text).replaceAll(" ");
        t = TAG.matcher(t).replaceAll(" ");
        t = t.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        t = t.replaceAll("[\\p{Cntrl}\\p{Cf}]", " ").replaceAll("\\s+", " ").strip();
        return t.length() > MAX_QUESTION_CHARS ? t.substring(0, MAX_QUESTION_CHARS) : t;
    }

    public MatchResult match(String question) {
        String cleaned = clean(question).toLowerCase(Locale.ROOT);
        List<String> corrections = new ArrayList<>();
        String corrected = correctSpelling(cleaned, corrections);
        DomainSynonyms.Folded folded = DomainSynonyms.fold(corrected);
        List<String> terms = new ArrayList<>(new LinkedHashSet<>(analyzer.terms(folded.text())));
        if (terms.size() > MAX_TERMS) {
            terms = terms.subList(0, MAX_TERMS);
        }
        List<String> unknown = terms.stream().filter(t -> !documentFrequency.containsKey(t)).toList();
        MatchResult.Understanding understanding = new MatchResult.Understanding(corrections, folded.applied(), terms, unknown);
        if (embedder != null) {
            return matchWithMeaning(question, cleaned, terms, understanding);
        }
        if (terms.isEmpty()) {
            return new MatchResult(question, MatchResult.Outcome.FALLBACK, 0, List.of(), understanding);
        }
        Map<String, double[]> bm25 = retrieve(terms);
        List<MatchResult.Candidate> candidates = rerank(terms, intent(cleaned), bm25);
        if (candidates.isEmpty()) {
            return new MatchResult(question, MatchResult.Outcome.FALLBACK, 0, List.of(), understanding);
        }
        MatchResult.Candidate top = candidates.get(0);
        double margin = margin(candidates);
        double unknownShare = (double) unknown.size() / terms.size();
        double confidence = model.confidence(top.coverage(), top.phraseSimilarity(), margin, unknownShare);
        MatchResult.Outcome outcome = confidence >= thresholds.answer() ? MatchResult.Outcome.ANSWER
                : confidence >= thresholds.suggest() ? MatchResult.Outcome.SUGGEST : MatchResult.Outcome.FALLBACK;
        return new MatchResult(question, outcome, confidence, candidates, understanding);
    }

    /**
     * Every entry scored on meaning, the BM25 candidates also on words; the two fused linearly (the words side is
     * already on a 0..1 scale, the cosine too), so an exact term (a band code, an acronym) still counts while a
     * paraphrase with no shared word can win on meaning alone.
     */
    private MatchResult matchWithMeaning(String question, String cleaned, List<String> terms,
                                         MatchResult.Understanding understanding) {
        return decideWithMeaning(question, scores(cleaned, terms), fusion, understanding);
    }

    /**
     * One entry's raw evidence for a question: the best and second-best cosine over its phrasings, the cosine with its
     * answer's opening and the best cosine over the rest of its answer's passages, and its words-side candidate.
     */
    public record Evidence(MatchResult.Candidate words, KnowledgeEntry entry, double phrasingMeaning,
                           String closestPhrasing, double answerMeaning, double secondPhrasingMeaning,
                           double answerDetailMeaning) {

        public Evidence(MatchResult.Candidate words, KnowledgeEntry entry, double phrasingMeaning, String closestPhrasing,
                        double answerMeaning) {
            this(words, entry, phrasingMeaning, closestPhrasing, answerMeaning, phrasingMeaning, 0);
        }

        double meaning(Fusion f) {
            return Math.max(0, Math.max(phrasingMeaning, answerSide(f)));
        }

        private double answerSide(Fusion f) {
            return Math.max(f.answerTextWeight() * answerMeaning, f.passageWeight() * answerDetailMeaning);
        }

        double fused(Fusion f) {
            double wordScore = words == null ? 0 : words.lexical();
            return f.semanticWeight() * meaning(f) + (1 - f.semanticWeight()) * wordScore;
        }
    }

    /** The raw evidence for every entry (for cross-validating fusion settings without re-embedding). */
    public List<Evidence> evidence(String question) {
        String cleaned = clean(question).toLowerCase(Locale.ROOT);
        String corrected = correctSpelling(cleaned, new ArrayList<>());
        List<String> terms = new ArrayList<>(new LinkedHashSet<>(analyzer.terms(DomainSynonyms.fold(corrected).text())));
        if (terms.size() > MAX_TERMS) {
            terms = terms.subList(0, MAX_TERMS);
        }
        return scores(cleaned, terms);
    }

    private List<Evidence> scores(String cleaned, List<String> terms) {
        Map<String, MatchResult.Candidate> lexical = new HashMap<>();
        if (!terms.isEmpty()) {
            for (MatchResult.Candidate c : rerank(terms, intent(cleaned), retrieve(terms))) {
                lexical.put(c.entry().id(), c);
            }
        }
        float[] q = embedder.embed(DomainSynonyms.spelledOut(cleaned));
        float[] cosines = dotProducts(vectors, rowCount, q);
        List<Evidence> out = new ArrayList<>(prepared.size());
        for (Prepared p : prepared.values()) {
            double best = -1;
            double second = -1;
            String closest = p.phrasings().get(0);
            int phrasings = p.phrasings().size();
            for (int i = 0; i < phrasings; i++) {
                double cos = cosines[p.firstRow() + i];
                if (cos > best) {
                    second = best;
                    best = cos;
                    closest = p.phrasings().get(i);
                } else if (cos > second) {
                    second = cos;
                }
            }
            int answerRow = p.firstRow() + phrasings;
            double detail = 0;
            for (int i = 1; i <= p.detailRows(); i++) {
                detail = Math.max(detail, cosines[answerRow + i]);
            }
            out.add(new Evidence(lexical.get(p.entry().id()), p.entry(), best, closest, cosines[answerRow],
                    second < 0 ? best : second, detail));
        }
        return out;
    }

    /**
     * The dot product of {@code q} with each of {@code rows} unit vectors stored by dimension in {@code byDimension}
     * (component i of row r at {@code i × rows + r}), so each is a cosine. The inner loop adds one component to every
     * row's sum: no reduction chain, contiguous floats, vectorised by the JIT.
     */
    static float[] dotProducts(float[] byDimension, int rows, float[] q) {
        float[] out = new float[rows];
        for (int i = 0, base = 0; i < q.length; i++, base += rows) {
            float qi = q[i];
            for (int r = 0; r < rows; r++) {
                out[r] += byDimension[base + r] * qi;
            }
        }
        return out;
    }

    /** Fuses evidence into ranked candidates and decides, as {@link #match} does with this index's settings. */
    public static MatchResult decideWithMeaning(String question, List<Evidence> evidence, Fusion f,
                                                MatchResult.Understanding understanding) {
        List<MatchResult.Candidate> candidates = new ArrayList<>(evidence.size());
        for (Evidence e : evidence) {
            double meaning = e.meaning(f);
            String closest = e.phrasingMeaning() >= e.answerSide(f) ? e.closestPhrasing() : "(its answer)";
            MatchResult.Candidate base = e.words() != null ? e.words()
                    : new MatchResult.Candidate(e.entry(), 0, 0, 0, 0, closest, List.of(), 0, Double.NaN);
            candidates.add(base.fused(e.fused(f), meaning, closest));
        }
        candidates.sort(Comparator.comparingDouble(MatchResult.Candidate::score).reversed()
                .thenComparing(c -> c.entry().id()));
        List<MatchResult.Candidate> top = List.copyOf(candidates.subList(0, Math.min(RERANK_DEPTH, candidates.size())));
        if (top.isEmpty()) {
            return new MatchResult(question, MatchResult.Outcome.FALLBACK, 0, List.of(), understanding);
        }
        double best = top.get(0).score();
        double rival = rival(candidates, MatchResult.Candidate::entry, MatchResult.Candidate::score);
        return new MatchResult(question, f.decide(best, relativeLead(best, rival)), best, top, understanding);
    }

    /**
     * How far the best score is ahead of the rival's, as a share of the best: a lead of 0.03 means more at a score
     * of 0.5 than at 0.9, where every phrasing of a well-asked question scores high.
     */
    static double relativeLead(double best, double rival) {
        return best <= 0 ? 0 : (best - rival) / best;
    }

    /**
     * The best score among the runners-up that answer something else: an entry that shares an evaluation topic with
     * the top one (an Aspiring Together entry and its contact entry, a transition and its expectations) agrees with
     * it rather than competing, so it does not eat the margin. {@code ranked} is sorted best first.
     */
    static <T> double rival(List<T> ranked, java.util.function.Function<T, KnowledgeEntry> entry,
                            java.util.function.ToDoubleFunction<T> score) {
        if (ranked.isEmpty()) {
            return 0;
        }
        Set<String> topics = new HashSet<>(entry.apply(ranked.get(0)).topics());
        for (int i = 1; i < ranked.size(); i++) {
            if (entry.apply(ranked.get(i)).topics().stream().noneMatch(topics::contains)) {
                return score.applyAsDouble(ranked.get(i));
            }
        }
        return 0;
    }

    /** Features of the top candidate for a question, for calibrating the confidence model. */
    public double[] features(MatchResult result) {
        MatchResult.Candidate top = result.top().orElse(null);
        if (top == null) {
            return new double[]{0, 0, 0, 1};
        }
        List<MatchResult.Candidate> c = result.candidates();
        double margin = margin(c);
        double unknownShare = result.understanding().terms().isEmpty() ? 1
                : (double) result.understanding().unknownTerms().size() / result.understanding().terms().size();
        return new double[]{top.coverage(), top.phraseSimilarity(), margin, unknownShare};
    }

    /** The kind of question asked, from its first question word: who, when, why, how-much, what, yes-no... */
    static String intent(String lowerCaseText) {
        Matcher m = INTENT.matcher(lowerCaseText);
        if (!m.find()) {
            return YES_NO.matcher(lowerCaseText.strip()).find() ? "yes-no" : null;
        }
        return switch (m.group(1)) {
            case "how long", "how many", "how much", "how often" -> "how-much";
            case "who", "whom", "whose" -> "who";
            case "what", "which", "whats" -> "what";
            default -> m.group(1);
        };
    }

    /** How far the top candidate's reranked score is ahead of the runner-up's (0..1). */
    private static double margin(List<MatchResult.Candidate> candidates) {
        double second = candidates.size() < 2 ? 0 : candidates.get(1).score();
        return candidates.get(0).score() - second;
    }

    private static String fold(String text) {
        return DomainSynonyms.fold(text.toLowerCase(Locale.ROOT)).text();
    }

    private static Set<String> rawWords(String text) {
        Set<String> words = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group().replace("’", "'"));
        }
        return words;
    }

    private String correctSpelling(String text, List<String> corrections) {
        Matcher m = WORD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String word = m.group().replace("’", "'");
            String replacement = word;
            if (word.length() >= 4 && !word.chars().anyMatch(Character::isDigit) && !vocabulary.contains(word)
                    && !FaqAnalyzer.STOP_WORDS.contains(word) && !FaqAnalyzer.STOP_WORDS.contains(word.replace("'", ""))
                    && !vocabulary.contains(FaqAnalyzer.ukSpelling(word))) {
                replacement = suggestion(word);
                if (!replacement.equals(word)) {
                    corrections.add(word + " → " + replacement);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String suggestion(String word) {
        try {
            int allowed = word.length() <= 5 ? 1 : 2;
            SuggestWord[] suggestions = (allowed == 1 ? shortSpelling : spelling).suggestSimilar(new Term(VOCAB, word), 3,
                    reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
            for (SuggestWord s : suggestions) {
                if (editDistance(word, s.string) <= allowed) {
                    return s.string;
                }
            }
            return word;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Per entry: {best phrasing BM25, answer BM25}. */
    private Map<String, double[]> retrieve(List<String> terms) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : terms) {
            query.add(new TermQuery(new Term(ASK, term)), BooleanClause.Occur.SHOULD);
            query.add(new BoostQuery(new TermQuery(new Term(ANSWER, term)), ANSWER_BOOST), BooleanClause.Occur.SHOULD);
        }
        Map<String, double[]> scores = new HashMap<>();
        try {
            ScoreDoc[] hits = searcher.search(query.build(), 100).scoreDocs;
            for (ScoreDoc hit : hits) {
                String id = documentEntry[hit.doc];
                if (id == null) {
                    continue;
                }
                double[] s = scores.computeIfAbsent(id, k -> new double[2]);
                // a phrasing document only matches on ASK terms and an answer document only on ANSWER terms
                if (documentIsAnswer[hit.doc]) {
                    s[1] = Math.max(s[1], hit.score);
                } else {
                    s[0] = Math.max(s[0], hit.score);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scores;
    }

    private List<MatchResult.Candidate> rerank(List<String> terms, String intent, Map<String, double[]> bm25) {
        List<Map.Entry<String, double[]>> retrieved = new ArrayList<>(bm25.entrySet());
        retrieved.sort(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -(e.getValue()[0] + e.getValue()[1]))
                .thenComparing(Map.Entry::getKey));
        if (retrieved.isEmpty()) {
            return List.of();
        }
        double best = retrieved.get(0).getValue()[0] + retrieved.get(0).getValue()[1];
        double queryNorm = Math.sqrt(terms.stream().mapToDouble(t -> sq(weight(t))).sum());
        double queryMass = terms.stream().mapToDouble(this::weight).sum();
        List<MatchResult.Candidate> candidates = new ArrayList<>();
        for (Map.Entry<String, double[]> hit : retrieved.subList(0, Math.min(RERANK_DEPTH, retrieved.size()))) {
            Prepared p = prepared.get(hit.getKey());
            double similarity = 0;
            double bestAdjusted = -1;
            String closest = p.phrasings().get(0);
            for (int i = 0; i < p.phrasingTerms().size(); i++) {
                Set<String> phrasing = p.phrasingTerms().get(i);
                double dot = 0;
                for (String t : terms) {
                    if (phrasing.contains(t)) {
                        dot += sq(weight(t));
                    }
                }
                double norm = p.phrasingNorms()[i];
                double cosine = norm == 0 ? 0 : dot / (queryNorm * norm);
                // the kind of question (who / when / why / how long ...) breaks near-ties between phrasings
                double adjusted = cosine + (intent != null && intent.equals(p.intents().get(i)) && cosine > 0 ? INTENT_BONUS : 0);
                if (adjusted > bestAdjusted) {
                    bestAdjusted = adjusted;
                    similarity = cosine;
                    closest = p.phrasings().get(i);
                }
            }
            double covered = 0;
            List<String> matched = new ArrayList<>();
            for (String t : terms) {
                if (p.allPhrasingTerms().contains(t)) {
                    covered += weight(t);
                    matched.add(t + " (phrasing)");
                } else if (p.answerTerms().contains(t)) {
                    covered += 0.5 * weight(t);
                    matched.add(t + " (answer)");
                }
            }
            double coverage = covered / queryMass;
            double bm = hit.getValue()[0] + hit.getValue()[1];
            double score = 0.45 * bestAdjusted / (1 + INTENT_BONUS) + 0.35 * coverage + 0.20 * (bm / best);
            candidates.add(new MatchResult.Candidate(p.entry(), score, similarity, coverage, bm, closest, matched));
        }
        candidates.sort(Comparator.comparingDouble(MatchResult.Candidate::score).reversed()
                .thenComparing(c -> c.entry().id()));
        return candidates;
    }

    private double weight(String term) {
        Integer df = documentFrequency.get(term);
        return df == null ? unknownIdf : idf(df);
    }

    private double idf(int df) {
        int n = Math.max(prepared.size(), 1);
        return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }

    private static double sq(double x) {
        return x * x;
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
