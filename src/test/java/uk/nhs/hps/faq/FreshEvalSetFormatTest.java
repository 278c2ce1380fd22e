package uk.nhs.hps.faq;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Format of the fresh set (faq/eval/fresh/heldout.yml, see the README there): labels and counts. It was held out and
 * reported once; it is now part of the development set, whose matcher figures FaqMatchingTest checks.
 */
class FreshEvalSetFormatTest {

    private static final String HALF = "fresh/heldout";
    private static final String FAQ_DOC = "001";

    private static List<EvalSet.Question> questions;
    /** topic id → first three characters of its document file name ("000" … "004"). */
    private static Map<String, String> topicDoc;
    /** question text → first-listed topic. */
    private static Map<String, String> firstTopic;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        questions = EvalSet.load(HALF);
        topicDoc = ((List<Map<String, Object>>) yaml("/faq/eval/topics.yml").get("topics")).stream().collect(
                Collectors.toMap(t -> String.valueOf(t.get("id")), t -> String.valueOf(t.get("doc")).substring(0, 3)));
        // EvalSet keeps a question's topics as a set; the first-listed one (which decides kind and document) is
        // read from the file's order
        firstTopic = ((List<Map<String, Object>>) yaml("/faq/eval/" + HALF + ".yml").get("questions")).stream()
                .filter(m -> !((List<String>) m.getOrDefault("topics", List.of())).isEmpty())
                .collect(Collectors.toMap(m -> String.valueOf(m.get("q")),
                        m -> ((List<String>) m.get("topics")).get(0), (a, b) -> a));
    }

    @Test
    void everyLabelIsATopicOfTheCatalogue() {
        List<String> unknown = questions.stream().flatMap(q -> q.topics().stream())
                .filter(t -> !topicDoc.containsKey(t)).distinct().toList();

        assertThat(unknown).isEmpty();
    }

    @Test
    void everyInScopeQuestionHasATopic() {
        List<String> unlabelled = questions.stream().filter(EvalSet.Question::inScope)
                .filter(q -> q.topics().isEmpty()).map(EvalSet.Question::text).toList();

        assertThat(unlabelled).isEmpty();
    }

    @Test
    void twoPartQuestionsNameTwoTopics() {
        List<String> wrong = questions.stream().filter(q -> q.kind() == EvalSet.Kind.twopart)
                .filter(q -> q.topics().size() != 2).map(EvalSet.Question::text).toList();

        assertThat(wrong).isEmpty();
    }

    @Test
    void offTopicSmallTalkAndPersonalQuestionsHaveNoTopics() {
        List<String> labelled = questions.stream()
                .filter(q -> !q.inScope() && q.kind() != EvalSet.Kind.twopart)
                .filter(q -> !q.topics().isEmpty()).map(EvalSet.Question::text).toList();

        assertThat(labelled).isEmpty();
    }

    @Test
    void faqQuestionsAreAboutTheFaqAndDocsQuestionsAboutTheOtherDocuments() {
        // the kind is decided by the document of the first-listed topic (README label rules)
        List<String> misfiled = questions.stream().filter(EvalSet.Question::inScope)
                .filter(q -> q.topics().stream().allMatch(topicDoc::containsKey))
                .filter(q -> (q.kind() == EvalSet.Kind.faq) != FAQ_DOC.equals(firstDoc(q)))
                .map(EvalSet.Question::text).toList();

        assertThat(misfiled).isEmpty();
    }

    @Test
    void countsPerKindMeetTheMinimums() {
        Map<EvalSet.Kind, Long> counts = new EnumMap<>(questions.stream()
                .collect(Collectors.groupingBy(EvalSet.Question::kind, Collectors.counting())));

        assertThat(counts).containsKeys(EvalSet.Kind.values());
        assertThat(counts.get(EvalSet.Kind.faq)).isGreaterThanOrEqualTo(110);
        assertThat(counts.get(EvalSet.Kind.docs)).isGreaterThanOrEqualTo(110);
        assertThat(counts.get(EvalSet.Kind.twopart)).isGreaterThanOrEqualTo(10);
        assertThat(counts.get(EvalSet.Kind.offtopic)).isGreaterThanOrEqualTo(60);
        assertThat(counts.get(EvalSet.Kind.smalltalk)).isGreaterThanOrEqualTo(10);
        assertThat(counts.get(EvalSet.Kind.personal)).isGreaterThanOrEqualTo(8);
    }

    @Test
    void everyFaqTopicHasTwoToFourParaphrases() {
        Map<String, Long> perTopic = firstTopicCounts(EvalSet.Kind.faq);
        Map<String, Long> outOfRange = topicDoc.entrySet().stream().filter(e -> e.getValue().equals(FAQ_DOC))
                .map(Map.Entry::getKey).filter(t -> perTopic.getOrDefault(t, 0L) < 2 || perTopic.getOrDefault(t, 0L) > 4)
                .collect(Collectors.toMap(Function.identity(), t -> perTopic.getOrDefault(t, 0L)));

        assertThat(outOfRange).isEmpty();
    }

    @Test
    void everyTopicOfTheOtherDocumentsIsAsked() {
        Map<String, Long> perTopic = firstTopicCounts(EvalSet.Kind.docs);
        List<String> unasked = topicDoc.entrySet().stream().filter(e -> !e.getValue().equals(FAQ_DOC))
                .map(Map.Entry::getKey).filter(t -> !perTopic.containsKey(t)).sorted().toList();

        assertThat(unasked).isEmpty();
    }

    @Test
    void noQuestionIsRepeated() {
        Map<String, Long> repeated = questions.stream()
                .collect(Collectors.groupingBy(EvalSet.Question::text, Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(repeated).isEmpty();
    }

    private static String firstDoc(EvalSet.Question q) {
        return topicDoc.get(firstTopic.get(q.text()));
    }

    private static Map<String, Long> firstTopicCounts(EvalSet.Kind kind) {
        return questions.stream().filter(q -> q.kind() == kind).filter(q -> firstTopic.containsKey(q.text()))
                .collect(Collectors.groupingBy(q -> firstTopic.get(q.text()), Collectors.counting()));
    }

    private static Map<String, Object> yaml(String resource) throws IOException {
        try (InputStream in = FreshEvalSetFormatTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
    }
}
