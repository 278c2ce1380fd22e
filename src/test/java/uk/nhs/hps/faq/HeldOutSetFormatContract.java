package uk.nhs.hps.faq;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Format of a fresh held-out set (faq/eval/&lt;set&gt;.yml, see the README beside it): labels, kinds and counts only.
 * A held-out set is read once, to report the matcher's figures after tuning, so nothing here runs the matcher on it
 * or prints its questions beyond the ones that break a rule. Each set has a subclass naming it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HeldOutSetFormatContract {

    /** The set, as {@link EvalSet#load} names it, e.g. {@code fresh3/heldout}. */
    protected abstract String set();

    /** As EvalSet reads it (topics as a set; an unknown kind fails here). */
    private List<EvalSet.Question> parsed;
    /** As written: the order of topics matters, the first one decides the kind and document. */
    private List<Item> items;
    /** topic id → "000" … "004". */
    private Map<String, String> docOfTopic;

    private record Item(String q, List<String> topics, String kind, String firstDoc) {
    }

    @BeforeAll
    @SuppressWarnings("unchecked")
    void load() throws IOException {
        parsed = EvalSet.load(set());
        docOfTopic = ((List<Map<String, Object>>) resource("/faq/eval/topics.yml").get("topics")).stream()
                .collect(Collectors.toMap(t -> (String) t.get("id"), t -> ((String) t.get("doc")).substring(0, 3)));
        items = ((List<Map<String, Object>>) resource("/faq/eval/" + set() + ".yml").get("questions")).stream()
                .map(m -> {
                    List<String> topics = (List<String>) m.getOrDefault("topics", List.of());
                    return new Item(String.valueOf(m.get("q")), topics, String.valueOf(m.get("kind")),
                            topics.isEmpty() ? null : docOfTopic.get(topics.get(0)));
                })
                .toList();
    }

    @Test
    void theParserReadsEveryItem() {
        assertThat(parsed).hasSize(items.size());
    }

    @Test
    void labelsAreTopicsOfTheCatalogue() {
        List<String> unknown = items.stream().flatMap(i -> i.topics().stream())
                .filter(t -> !docOfTopic.containsKey(t)).distinct().toList();

        assertThat(unknown).isEmpty();
    }

    @Test
    void noItemListsATopicTwice() {
        List<String> doubled = items.stream().filter(i -> i.topics().stream().distinct().count() != i.topics().size())
                .map(Item::q).toList();

        assertThat(doubled).isEmpty();
    }

    @Test
    void faqAndDocsItemsHaveATopicFromTheirDocument() {
        // faq: the first-listed topic is a 001 entry; docs: it comes from 000, 002, 003 or 004
        List<String> wrong = items.stream().filter(i -> i.kind().equals("faq") || i.kind().equals("docs"))
                .filter(i -> i.topics().isEmpty() || i.kind().equals("faq") != "001".equals(i.firstDoc()))
                .map(Item::q).toList();

        assertThat(wrong).isEmpty();
    }

    @Test
    void twoPartItemsNameTwoDifferentTopics() {
        List<String> wrong = items.stream().filter(i -> i.kind().equals("twopart"))
                .filter(i -> i.topics().stream().distinct().count() != 2).map(Item::q).toList();

        assertThat(wrong).isEmpty();
    }

    @Test
    void offTopicSmallTalkAndPersonalItemsHaveNoTopics() {
        List<String> labelled = items.stream()
                .filter(i -> List.of("offtopic", "smalltalk", "personal").contains(i.kind()))
                .filter(i -> !i.topics().isEmpty()).map(Item::q).toList();

        assertThat(labelled).isEmpty();
    }

    @Test
    void eachKindHasAtLeastTheBriefsCount() {
        Map<EvalSet.Kind, Long> perKind = parsed.stream()
                .collect(Collectors.groupingBy(EvalSet.Question::kind, Collectors.counting()));

        assertThat(perKind).containsKeys(EvalSet.Kind.values());
        assertThat(perKind.get(EvalSet.Kind.faq)).isGreaterThanOrEqualTo(114);
        assertThat(perKind.get(EvalSet.Kind.docs)).isGreaterThanOrEqualTo(114);
        assertThat(perKind.get(EvalSet.Kind.twopart)).isGreaterThanOrEqualTo(10);
        assertThat(perKind.get(EvalSet.Kind.offtopic)).isGreaterThanOrEqualTo(60);
        assertThat(perKind.get(EvalSet.Kind.smalltalk)).isGreaterThanOrEqualTo(10);
        assertThat(perKind.get(EvalSet.Kind.personal)).isGreaterThanOrEqualTo(8);
    }

    @Test
    void everyFaqEntryIsTheMainTopicOfThreeOrFourQuestions() {
        Map<String, Long> asked = firstTopicCounts("faq");
        Map<String, Long> outside = docOfTopic.keySet().stream().filter(t -> docOfTopic.get(t).equals("001"))
                .filter(t -> asked.getOrDefault(t, 0L) < 3 || asked.getOrDefault(t, 0L) > 4)
                .collect(Collectors.toMap(t -> t, t -> asked.getOrDefault(t, 0L)));

        assertThat(outside).isEmpty();
    }

    @Test
    void everyTopicOfTheOtherDocumentsIsTheMainTopicOfAtLeastTwoQuestions() {
        Map<String, Long> asked = firstTopicCounts("docs");
        List<String> thin = docOfTopic.keySet().stream().filter(t -> !docOfTopic.get(t).equals("001"))
                .filter(t -> asked.getOrDefault(t, 0L) < 2).sorted().toList();

        assertThat(thin).isEmpty();
    }

    @Test
    void noQuestionIsAskedTwice() {
        List<String> repeated = items.stream()
                .collect(Collectors.groupingBy(i -> i.q().trim().toLowerCase(Locale.ROOT), Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();

        assertThat(repeated).isEmpty();
    }

    private Map<String, Long> firstTopicCounts(String kind) {
        return items.stream().filter(i -> i.kind().equals(kind) && !i.topics().isEmpty())
                .collect(Collectors.groupingBy(i -> i.topics().get(0), Collectors.counting()));
    }

    private static Map<String, Object> resource(String name) throws IOException {
        try (InputStream in = HeldOutSetFormatContract.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
    }
}
