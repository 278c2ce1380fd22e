package uk.nhs.hps.talent;

import io.micronaut.context.annotation.Value;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the career conversation asks beyond the indicators, from {@code scheme/conversation.yml}
 * ({@code talent.conversation}): 004's drivers, 001's role of the coach and of the sponsor at placement panels.
 */
@Singleton
public class TalentConversationGuide {

    /** One of 004's drivers: its words in 004, and the question the preparation asks about it. */
    @Serdeable
    public record Driver(String key, String text, String label) {
    }

    @Serdeable
    public record Guide(String version, String driversSource, String driversIntroduction, List<Driver> drivers,
                        String coachRole, String sponsorPlacementPanels) {
    }

    private final Guide guide;

    TalentConversationGuide(@Value("${talent.conversation:classpath:scheme/conversation.yml}") String location) {
        Map<String, Object> root = SchemeYaml.load(location);
        Map<String, Object> drivers = SchemeYaml.map(root, "drivers", location);
        List<Driver> list = new ArrayList<>();
        for (Map<String, Object> d : SchemeYaml.list(drivers, "list", location + " drivers")) {
            list.add(new Driver(SchemeYaml.text(d, "key", location), SchemeYaml.text(d, "text", location),
                    SchemeYaml.text(d, "label", location)));
        }
        guide = new Guide(SchemeYaml.text(root, "version", location), SchemeYaml.text(drivers, "source", location),
                SchemeYaml.text(drivers, "introduction", location), List.copyOf(list),
                SchemeYaml.text(SchemeYaml.map(root, "coach", location), "role", location),
                SchemeYaml.text(SchemeYaml.map(root, "sponsor", location), "placementPanels", location));
    }

    public Guide guide() {
        return guide;
    }

    List<Driver> drivers() {
        return guide.drivers();
    }
}
