package uk.nhs.hps.faq;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code hps.faq.*}: confidence thresholds (the confidence is the fitted probability that the top entry is
 * right) and the longest question matched.
 */
@ConfigurationProperties("hps.faq")
record FaqSettings(@Nullable Double answerThreshold, @Nullable Double suggestThreshold, @Nullable Integer maxQuestionChars) {

    FaqIndex.Thresholds thresholds() {
        return new FaqIndex.Thresholds(answerThreshold == null ? FaqIndex.Thresholds.DEFAULT.answer() : answerThreshold,
                suggestThreshold == null ? FaqIndex.Thresholds.DEFAULT.suggest() : suggestThreshold);
    }

    int maxQuestionCharsOrDefault() {
        return maxQuestionChars == null ? FaqIndex.MAX_QUESTION_CHARS : maxQuestionChars;
    }
}
