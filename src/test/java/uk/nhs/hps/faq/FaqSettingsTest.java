package uk.nhs.hps.faq;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.TestDatabases;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The defaults {@code hps.faq.*} binds are the fusion settings chosen by cross-validation, not a stale copy. */
class FaqSettingsTest {

    @Test
    void boundFusionDefaultsAreTheCrossValidatedFusion() {
        Map<String, Object> properties = new HashMap<>(TestDatabases.properties(TestDatabases.Kind.H2));
        properties.put("scheduling.enabled", "false");
        properties.put("delivery.dispatcher-enabled", "false");
        try (ApplicationContext context = ApplicationContext.run(properties, "dev")) {
            FaqSettings settings = context.getBean(FaqSettings.class);

            assertThat(settings.fusion()).isEqualTo(FaqIndex.Fusion.DEFAULT);
        }
    }
}
