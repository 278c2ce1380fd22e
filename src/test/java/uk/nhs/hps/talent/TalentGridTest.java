package uk.nhs.hps.talent;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The shipped 9-box grid contradicts none of the seeds: the rules of 002 and 004 a default must keep. */
class TalentGridTest {

    private final TalentGrid grid = new TalentGrid(SchemeYaml.load("classpath:talent/grid.yml"), "grid.yml");

    @Test
    void itNamesItsSourceAndVersion() {
        assertThat(grid.source()).contains("Leadership Academy's 9 box grid");
        assertThat(grid.version()).isNotBlank();
    }

    @Test
    void noBoxReadsAsHighPotentialWithPoorPerformance() {
        // 002: "Sustained high performance is a given when assessing individuals with the potential to progress"
        for (TalentGrid.Box box : grid.boxes()) {
            if (box.key().endsWith("_LOW")) {
                assertThat(box.label().toLowerCase()).as(box.key()).doesNotContain("promise", "high potential", "ready")
                        .contains("performance to address");
            }
        }
    }

    @Test
    void onlyTheTopRightBoxIsReadyNowAndReadyMeansWithinSixMonths() {
        // 004: ready = "ready to become Executive Directors and want to move into a role within the next 6 months"
        for (TalentGrid.Box box : grid.boxes()) {
            assertThat(box.readiness()).as(box.key()).isNotNull();
            assertThat(box.readiness().equals("READY_NOW")).as(box.key()).isEqualTo(box.key().equals("HIGH_HIGH"));
        }
        assertThat(grid.readiness().stream().filter(r -> r.key().equals("READY_NOW")).findFirst().orElseThrow().label())
                .contains("within 6 months");
    }

    @Test
    void performanceIsAnchoredToTheHealthcareLeadershipModelAs002Says() throws IOException {
        assertThat(grid.performanceAnchor()).contains("Healthcare Leadership Model");
        assertThat(grid.performance()).allSatisfy(p -> assertThat(p.description()).contains("Healthcare Leadership Model"));
        Path seeds = Path.of("../shared/seeds");
        assumeTrue(Files.isDirectory(seeds), "the seed documents are beside the work tree");
        try (Stream<Path> files = Files.list(seeds)) {
            String seed = Files.readString(files.filter(f -> f.getFileName().toString().startsWith("002")).findFirst().orElseThrow());
            String quoted = grid.performanceAnchor().substring(grid.performanceAnchor().indexOf('"') + 1,
                    grid.performanceAnchor().lastIndexOf('"'));
            assertThat(seed.replaceAll("\\s+", " ")).contains(quoted);
        }
    }

    @Test
    void everyBoxHasItsOwnLabelAndADescriptionAndNoPlaceholder() {
        Set<String> labels = new HashSet<>();
        for (TalentGrid.Box box : grid.boxes()) {
            assertThat(labels.add(box.label())).as(box.key()).isTrue();
            assertThat(box.description()).as(box.key()).isNotBlank();
            assertThat(box.label()).doesNotContainIgnoringCase("placeholder").isNotEqualTo(box.key());
        }
        assertThat(grid.boxKeys()).hasSize(9);
        assertThat(List.of(grid.potential().size(), grid.performance().size())).containsExactly(3, 3);
    }
}
