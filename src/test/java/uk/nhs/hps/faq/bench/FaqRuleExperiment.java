package uk.nhs.hps.faq.bench;

import uk.nhs.hps.faq.EvalSet;
import uk.nhs.hps.faq.FaqIndex;
import uk.nhs.hps.faq.FusionTuning;
import uk.nhs.hps.faq.KnowledgeBaseFile;
import uk.nhs.hps.faq.MiniLmEmbedder;

import java.util.List;
import java.util.Locale;

/**
 * Compares ways of deciding (how the margin is measured) by 5-fold cross-validation on the development set only; the
 * evidence is computed once, so each variant costs a grid search, not a re-embedding. Development tool, not a report:
 * {@code ./mvnw -q -Pbench test-compile exec:java -Dbench.main=uk.nhs.hps.faq.bench.FaqRuleExperiment}.
 */
public final class FaqRuleExperiment {

    private FaqRuleExperiment() {
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        FaqIndex meaning = FaqIndex.build(KnowledgeBaseFile.shipped().entries(), MiniLmEmbedder.shared(),
                FaqIndex.Fusion.DEFAULT);
        List<FusionTuning.Item> items = EvalSet.development().stream()
                .filter(q -> q.inScope() || q.kind() == EvalSet.Kind.offtopic)
                .map(q -> new FusionTuning.Item(q, meaning.evidence(q.text()))).toList();
        for (FusionTuning.MarginMode mode : FusionTuning.MarginMode.values()) {
            double[] cv = FusionTuning.crossValidate(items, 5, mode);
            System.out.printf("%-28s CV in-scope right %.1f%% (faq %.1f%%, docs %.1f%%), off-topic no answer %.1f%%; "
                    + "chosen on all: %s%n", mode, 100 * cv[0], 100 * cv[2], 100 * cv[3], 100 * cv[1],
                    FusionTuning.choose(items, mode).fusion());
        }
    }
}
