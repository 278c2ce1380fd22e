package uk.nhs.hps.faq;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code hps.faq.*}: the longest question matched; whether to match on meaning (sentence embeddings) as well as
 * words; the fusion settings used once embeddings are ready ({@link FaqIndex.Fusion}, chosen by cross-validation);
 * and the words-only confidence thresholds used until then (the confidence is the fitted probability that the top
 * entry is right).
 */
@ConfigurationProperties("hps.faq")
record FaqSettings(@Nullable Double answerThreshold, @Nullable Double suggestThreshold, @Nullable Integer maxQuestionChars,
                   @Nullable Boolean semantic, @Nullable Double semanticWeight, @Nullable Double answerTextWeight,
                   @Nullable Double answerAt, @Nullable Double marginAt, @Nullable Double suggestAt) {

    boolean semanticOrDefault() {
        return semantic == null || semantic;
    }

    FaqIndex.Fusion fusion() {
        FaqIndex.Fusion d = FaqIndex.Fusion.DEFAULT;
        return new FaqIndex.Fusion(semanticWeight == null ? d.semanticWeight() : semanticWeight,
                answerTextWeight == null ? d.answerTextWeight() : answerTextWeight,
                answerAt == null ? d.answerAt() : answerAt, marginAt == null ? d.marginAt() : marginAt,
                suggestAt == null ? d.suggestAt() : suggestAt);
    }

    FaqIndex.Thresholds thresholds() {
        return new FaqIndex.Thresholds(answerThreshold == null ? FaqIndex.Thresholds.DEFAULT.answer() : answerThreshold,
                suggestThreshold == null ? FaqIndex.Thresholds.DEFAULT.suggest() : suggestThreshold);
    }

    int maxQuestionCharsOrDefault() {
        return maxQuestionChars == null ? FaqIndex.MAX_QUESTION_CHARS : maxQuestionChars;
    }
}
