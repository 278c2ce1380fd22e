package uk.nhs.hps.faq;

import java.util.List;
import java.util.Optional;

/**
 * What the matcher made of a question: the ranked candidates with their confidence and the evidence
 * behind it, and what the bot should do.
 */
public record MatchResult(String question, Outcome outcome, double confidence, List<Candidate> candidates,
                          Understanding understanding) {

    public enum Outcome {
        /** Confident: answer with the top entry. */
        ANSWER,
        /** Plausible but unsure: offer the top few entries as suggestions. */
        SUGGEST,
        /** Nothing in the FAQ fits: say so and offer to ask the programme team. */
        FALLBACK
    }

    /**
     * One ranked entry.
     *
     * @param phraseSimilarity IDF-weighted cosine between the question and the entry's closest phrasing (0..1)
     * @param coverage         share of the question's informative words the entry contains (0..1)
     * @param bm25             Lucene BM25 score, question/phrasing and answer fields combined
     * @param closestPhrasing  the phrasing (question or alternative) most like what was asked
     * @param matchedTerms     analysed question terms found in the entry, with where ("phrasing" or "answer")
     * @param lexical          the BM25-side score (similarity, coverage and BM25 combined; 0 when BM25 did not find it)
     * @param semantic         cosine between the question's sentence embedding and the entry's closest text, or
     *                         {@code NaN} when the index has no embeddings (yet)
     */
    public record Candidate(KnowledgeEntry entry, double score, double phraseSimilarity, double coverage, double bm25,
                            String closestPhrasing, List<String> matchedTerms, double lexical, double semantic) {

        public Candidate(KnowledgeEntry entry, double score, double phraseSimilarity, double coverage, double bm25,
                         String closestPhrasing, List<String> matchedTerms) {
            this(entry, score, phraseSimilarity, coverage, bm25, closestPhrasing, matchedTerms, score, Double.NaN);
        }

        Candidate fused(double fusedScore, double semanticScore, String closest) {
            return new Candidate(entry, fusedScore, phraseSimilarity, coverage, bm25, closest, matchedTerms, lexical,
                    semanticScore);
        }
    }

    /**
     * How the question was read.
     *
     * @param corrections typo corrections applied, e.g. "aplication → application"
     * @param synonyms    domain synonym rules that applied
     * @param terms       the analysed terms searched for
     * @param unknownTerms analysed terms that appear nowhere in the knowledge base
     */
    public record Understanding(List<String> corrections, List<String> synonyms, List<String> terms,
                                List<String> unknownTerms) {
    }

    public Optional<Candidate> top() {
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
    }

    /** A short, human-readable account of why the top entries matched, for the programme team. */
    public String explain() {
        StringBuilder out = new StringBuilder();
        out.append("**Outcome:** ").append(outcome).append(String.format(" (confidence %.2f)", confidence)).append("\n\n");
        out.append("**Read as:** ").append(understanding.terms().isEmpty() ? "(no informative words)"
                : String.join(" ", understanding.terms())).append('\n');
        if (!understanding.corrections().isEmpty()) {
            out.append("\n**Typos corrected:** ").append(String.join(", ", understanding.corrections())).append('\n');
        }
        if (!understanding.synonyms().isEmpty()) {
            out.append("\n**Synonyms applied:** ").append(String.join("; ", understanding.synonyms())).append('\n');
        }
        if (!understanding.unknownTerms().isEmpty()) {
            out.append("\n**Not in the FAQ at all:** ").append(String.join(", ", understanding.unknownTerms())).append('\n');
        }
        int rank = 1;
        for (Candidate c : candidates.subList(0, Math.min(3, candidates.size()))) {
            out.append(String.format("%n%d. **%s** (`%s`) score %.2f: closest phrasing \"%s\" (similarity %.2f),"
                            + " coverage %.2f, BM25 %.2f%s; matched %s%n", rank++, c.entry().question(), c.entry().id(), c.score(),
                    c.closestPhrasing(), c.phraseSimilarity(), c.coverage(), c.bm25(),
                    Double.isNaN(c.semantic()) ? "" : String.format(", meaning %.2f, words %.2f", c.semantic(), c.lexical()),
                    c.matchedTerms().isEmpty() ? "nothing" : String.join(", ", c.matchedTerms())));
        }
        return out.toString().strip();
    }
}
