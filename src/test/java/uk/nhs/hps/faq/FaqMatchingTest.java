package uk.nhs.hps.faq;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The matcher on the shipped knowledge base: the evaluation gate, then single behaviours. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaqMatchingTest {

    private FaqIndex index;

    @BeforeAll
    void build() {
        index = FaqIndex.build(KnowledgeBaseFile.shipped().entries());
    }

    @Test
    void evaluationSetTopOneAccuracyIsAtLeastNinetyPercent() {
        Evaluation.Figures figures = Evaluation.score(Evaluation.load(), q -> Evaluation.verdict(index, q), false);

        assertThat(figures.questions()).isGreaterThanOrEqualTo(120);
        assertThat(figures.top1Accuracy()).as("top-1 accuracy; misses:%n%s", String.join("\n", figures.misses()))
                .isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void evaluationSetOffTopicAbstentionIsAtLeastNinetyPercent() {
        Evaluation.Figures figures = Evaluation.score(Evaluation.load(), q -> Evaluation.verdict(index, q), false);

        assertThat(figures.offTopic()).isGreaterThanOrEqualTo(30);
        assertThat(figures.abstention()).as("abstention; leaks:%n%s", String.join("\n", figures.offTopicLeaks()))
                .isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void offTopicQuestionsFromTheIssueAreNeverAnswered() {
        assertThat(index.match("tell me a joke").outcome()).isEqualTo(MatchResult.Outcome.FALLBACK);
        assertThat(index.match("book a meeting room").outcome()).isEqualTo(MatchResult.Outcome.FALLBACK);
    }

    @Test
    void matLeaveIsReadAsMaternityLeave() {
        MatchResult result = index.match("can i go on mat leave during the scheme");

        assertThat(result.top().orElseThrow().entry().id()).isEqualTo("leave-from-scheme");
        assertThat(result.understanding().synonyms()).contains("maternity = mat leave/pregnancy");
    }

    @Test
    void usSpellingMatchesUkText() {
        assertThat(index.match("how long is the program").top().orElseThrow().entry().id()).isEqualTo("programme-length");
    }

    @Test
    void typosAreCorrectedAgainstTheKnowledgeBasesOwnWords() {
        MatchResult result = index.match("what are the eligibilty critera");

        assertThat(result.top().orElseThrow().entry().id()).isEqualTo("eligibility");
        assertThat(result.understanding().corrections()).contains("eligibilty → eligibility");
    }

    @Test
    void bandEightCIsPointedAtStreamTwo() {
        assertThat(index.match("which stream is for band 8c").top().orElseThrow().entry().id())
                .isEqualTo("development-stream-2");
    }

    @Test
    void explanationNamesTheClosestPhrasingAndMatchedWords() {
        String explanation = index.match("how often do i meet my line manager").explain();

        assertThat(explanation).contains("sponsor-role", "closest phrasing", "sponsor (phrasing)", "sponsor = line manager");
    }

    @Test
    void questionWithOnlyFillerWordsFallsBackWithoutCandidates() {
        MatchResult result = index.match("what is it?");

        assertThat(result.outcome()).isEqualTo(MatchResult.Outcome.FALLBACK);
        assertThat(result.candidates()).isEmpty();
    }

    @Test
    void markupAndQueryLikeTextAreTreatedAsWords() {
        assertThat(index.match("<script>alert(1)</script> how long is hps").top().orElseThrow().entry().id())
                .isEqualTo("programme-length");
        assertThat(index.match("'; DROP TABLE faq_entry; -- \" OR 1=1 field:value*~ (").outcome())
                .isEqualTo(MatchResult.Outcome.FALLBACK);
    }

    @Test
    void disabledEntriesAreNotIndexed() {
        List<KnowledgeEntry> entries = KnowledgeBaseFile.shipped().entries().stream()
                .map(e -> e.id().equals("programme-length") ? new KnowledgeEntry(e.id(), e.category(), e.question(),
                        e.alternatives(), e.answer(), e.source(), false, e.updatedAt()) : e).toList();

        FaqIndex without = FaqIndex.build(entries);

        assertThat(without.entry("programme-length")).isEmpty();
        assertThat(without.match("how long is the programme").top().map(c -> c.entry().id()).orElse(""))
                .isNotEqualTo("programme-length");
    }
}
