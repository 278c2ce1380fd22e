package uk.nhs.hps.faq;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * English analysis for FAQ text, applied identically to the knowledge base and to questions:
 * standard tokens, possessives dropped, lower case, accents folded, stop words and question filler
 * removed, US spellings mapped to UK ones, Porter stemming. Domain synonyms are handled before this, by
 * {@link QueryText}, so that multi-word forms ("line manager", "agenda for change") can be recognised.
 */
final class FaqAnalyzer extends Analyzer {

    /** Words that say nothing about which FAQ entry is meant: Lucene's English stop words plus question filler. */
    static final CharArraySet STOP_WORDS;

    static {
        CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        stop.addAll(List.of("i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "you", "your", "yours", "he",
                "she", "him", "her", "his", "hers", "them", "do", "does", "did", "doing", "done", "can", "could", "would",
                "should", "shall", "may", "might", "must", "what", "whats", "how", "who", "whom", "whose", "when", "where",
                "which", "why", "am", "were", "been", "being", "have", "has", "had", "having", "get", "gets", "getting", "got",
                "here", "any", "some", "about", "please", "tell", "know", "want", "wants", "like", "just", "also", "so", "im",
                "ive", "id", "its", "yet", "all", "much", "many", "very", "really", "actually", "anything", "something",
                "someone", "anyone", "somebody", "go", "goes", "going", "hi", "hello", "hey", "thanks", "thank", "ok", "okay",
                "dont", "doesnt", "didnt", "cant", "wont", "isnt", "arent", "s", "t", "d", "ll", "re", "ve", "m", "one's",
                "from", "than", "out", "up", "over", "e.g", "eg", "etc", "there's", "theres", "whether", "would", "after",
                "before", "during", "while", "other", "own", "same", "each", "every", "more", "most", "too", "only", "explain",
                "describe", "mean", "means", "meant", "basically", "exactly", "currently", "bit", "lot", "thing", "things",
                "stuff", "kind", "sort", "sorts"));
        STOP_WORDS = CharArraySet.unmodifiableSet(stop);
    }

    /** US spellings mapped to the UK spelling the knowledge base uses. */
    private static final Map<String, String> UK_SPELLING = Map.ofEntries(
            Map.entry("program", "programme"), Map.entry("programs", "programmes"),
            Map.entry("center", "centre"), Map.entry("centers", "centres"),
            Map.entry("behavior", "behaviour"), Map.entry("behaviors", "behaviours"),
            Map.entry("enroll", "enrol"), Map.entry("enrollment", "enrolment"),
            Map.entry("favor", "favour"), Map.entry("labor", "labour"), Map.entry("color", "colour"),
            Map.entry("judgment", "judgement"), Map.entry("traveling", "travelling"),
            Map.entry("fulfill", "fulfil"), Map.entry("license", "licence"),
            Map.entry("counseling", "counselling"), Map.entry("modeling", "modelling"),
            Map.entry("catalog", "catalogue"), Map.entry("dialog", "dialogue"));
    private static final Set<String> NOT_IZE = Set.of("size", "sizes", "sized", "prize", "prizes", "seize", "seized",
            "capsize", "citizen", "citizens", "maize", "baize");

    static String ukSpelling(String word) {
        String mapped = UK_SPELLING.get(word);
        if (mapped != null) {
            return mapped;
        }
        if (word.length() > 5 && !NOT_IZE.contains(word)) {
            for (String[] suffix : new String[][]{{"izations", "isations"}, {"ization", "isation"}, {"izing", "ising"},
                    {"ized", "ised"}, {"izes", "ises"}, {"izer", "iser"}, {"ize", "ise"}, {"yze", "yse"}, {"yzed", "ysed"}}) {
                if (word.endsWith(suffix[0])) {
                    return word.substring(0, word.length() - suffix[0].length()) + suffix[1];
                }
            }
        }
        return word;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream result = new EnglishPossessiveFilter(source);
        result = new LowerCaseFilter(result);
        result = new ASCIIFoldingFilter(result);
        result = new StopFilter(result, STOP_WORDS);
        result = new UkSpellingFilter(result);
        result = new PorterStemFilter(result);
        return new TokenStreamComponents(source, result);
    }

    /** The analysed terms of a text, in order, duplicates kept. */
    List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = tokenStream("ask", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private static final class UkSpellingFilter extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        UkSpellingFilter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            String word = term.toString();
            String uk = ukSpelling(word);
            if (!uk.equals(word)) {
                term.setEmpty().append(uk);
            }
            return true;
        }
    }
}
