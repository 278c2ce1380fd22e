package uk.nhs.hps.faq;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code hps.faq.*}: the longest question matched; whether to match on meaning (sentence embeddings) as well as
 * words; the fusion settings used once embeddings are ready ({@link FaqIndex.Fusion}: the defaults are
 * {@code Fusion.DEFAULT}, chosen by cross-validation on the development questions); and the words-only confidence
 * thresholds used until then (the confidence is the fitted probability that the top entry is right).
 */
@ConfigurationProperties("hps.faq")
record FaqSettings(@Bindable(defaultValue = "0.6") double answerThreshold,
                   @Bindable(defaultValue = "0.3") double suggestThreshold,
                   @Bindable(defaultValue = "500") int maxQuestionChars,
                   @Bindable(defaultValue = "true") boolean semantic,
                   @Bindable(defaultValue = "0.6") double semanticWeight,
                   @Bindable(defaultValue = "1.0") double answerTextWeight,
                   @Bindable(defaultValue = "0") double passageWeight,
                   @Bindable(defaultValue = "0.6") double answerAt,
                   @Bindable(defaultValue = "0.04") double marginAt,
                   @Bindable(defaultValue = "0.6") double suggestAt) {

    FaqIndex.Fusion fusion() {
        return new FaqIndex.Fusion(semanticWeight, answerTextWeight, passageWeight, answerAt, marginAt, suggestAt);
    }

    FaqIndex.Thresholds thresholds() {
        return new FaqIndex.Thresholds(answerThreshold, suggestThreshold);
    }
}
