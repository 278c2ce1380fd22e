package uk.nhs.hps.talent;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** scheme/indicators.yml says what 002 says, word for word, in 002's shape; a file that does not stops the start. */
class TalentIndicatorsTest {

    private static final Path SEEDS = Path.of("../shared/seeds");
    private final TalentIndicators indicators = new TalentIndicators("classpath:scheme/indicators.yml");

    @Test
    void threeIndicatorsAndAbilityHasThreeAreasSharingOneDefinition() {
        assertThat(indicators.scheme().indicators()).extracting(TalentIndicators.Indicator::name)
                .containsExactly("Aspiration", "Engagement", "Ability");
        TalentIndicators.Indicator ability = indicators.scheme().indicators().get(2);
        assertThat(ability.areas()).extracting(TalentIndicators.Area::name)
                .containsExactly("Setting Direction", "Engaging People", "Delivering Results");
        assertThat(ability.areas()).allSatisfy(a -> assertThat(a.definition()).isEqualTo(ability.definition()));
        assertThat(indicators.areas()).extracting(TalentIndicators.Area::label).containsExactly("Aspiration", "Engagement",
                "Ability: Setting Direction", "Ability: Engaging People", "Ability: Delivering Results");
    }

    @Test
    void abilityBulletsDifferByLevelAndAspirationsDoNot() {
        TalentIndicators.Area direction = indicators.areas().get(2);
        List<String> levels = indicators.scheme().levels().stream().map(TalentIndicators.Level::key).toList();

        assertThat(levels).hasSize(3);
        assertThat(direction.bulletsFor(levels.get(0))).isNotEqualTo(direction.bulletsFor(levels.get(1)));
        assertThat(indicators.areas().get(0).bulletsFor(levels.get(0))).isEqualTo(indicators.areas().get(0).bulletsFor(levels.get(2)));
    }

    @Test
    void everyTextIsWordForWord002() throws IOException {
        assumeTrue(Files.isDirectory(SEEDS), "the seed documents are beside the work tree");
        String seed;
        try (Stream<Path> files = Files.list(SEEDS)) {
            seed = squash(Files.readString(files.filter(f -> f.getFileName().toString().startsWith("002")).findFirst().orElseThrow()));
        }
        List<String> texts = new ArrayList<>(List.of(indicators.scheme().purpose(), indicators.scheme().performance(),
                indicators.scheme().valuesIntroduction()));
        indicators.scheme().levels().forEach(l -> texts.add(l.name()));
        for (TalentIndicators.Indicator i : indicators.scheme().indicators()) {
            texts.add(i.definition());
            for (TalentIndicators.Area a : i.areas()) {
                texts.add(i.name() + (a.name().equals(i.name()) ? " | " : ": " + a.name() + " | ") + String.join("; ", a.keywords()));
                a.indicatedBy().values().forEach(texts::addAll);
            }
        }
        indicators.scheme().values().forEach(v -> texts.add(v.name() + " " + v.text()));
        indicators.scheme().keyFeatures().values().forEach(texts::addAll);

        // 002 runs a few passages together across lines; the file quotes them joined by one space
        for (String text : texts) {
            assertThat(seed).as(text).contains(squash(text));
        }
    }

    @Test
    void eachStreamHasALevelWithAReason() {
        for (int stream : List.of(1, 2)) {
            TalentIndicators.LevelChoice choice = indicators.levelFor(stream);
            assertThat(indicators.scheme().levels()).extracting(TalentIndicators.Level::key).contains(choice.level());
            assertThat(choice.reason()).contains("000");
        }
        assertThat(indicators.levelFor(null)).isEqualTo(indicators.scheme().defaultLevel());
    }

    @Test
    void anAreaWithoutBulletsForALevelStopsTheStart(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        String yaml = new String(getClass().getClassLoader().getResourceAsStream("scheme/indicators.yml").readAllBytes())
                .replace("          exec_director_to_ceo:\n            - \"A strategic thinker", "          unknown_level:\n            - \"A strategic thinker");
        Path file = dir.resolve("indicators.yml");
        Files.writeString(file, yaml);

        assertThatThrownBy(() -> new TalentIndicators("file:" + file)).hasMessageContaining("unknown level unknown_level");
    }

    private static String squash(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
