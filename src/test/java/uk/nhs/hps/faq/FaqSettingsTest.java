package uk.nhs.hps.faq;

import io.micronaut.core.bind.annotation.Bindable;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The defaults {@code hps.faq.*} binds are the fusion settings chosen by cross-validation, not a stale copy. */
class FaqSettingsTest {

    @Test
    void boundFusionDefaultsAreTheCrossValidatedFusion() {
        double[] bound = Arrays.stream(FaqSettings.class.getRecordComponents())
                .filter(c -> c.isAnnotationPresent(Bindable.class) && c.getType() == double.class)
                .mapToDouble(FaqSettingsTest::defaultValue).toArray();
        FaqSettings settings = new FaqSettings(null, null, null, null, bound[0], bound[1], bound[2], bound[3], bound[4],
                bound[5]);

        assertThat(settings.fusion()).isEqualTo(FaqIndex.Fusion.DEFAULT);
    }

    private static double defaultValue(RecordComponent c) {
        return Double.parseDouble(c.getAnnotation(Bindable.class).defaultValue());
    }
}
