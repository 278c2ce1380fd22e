package uk.nhs.hps.scheme;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import uk.nhs.hps.people.CareerTransition;
import uk.nhs.hps.people.DevelopmentStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The shipped transitions file says what the seeds say, word for word, and a broken variant stops the start. */
class TransitionsSeedTest {

    private static final Path SEEDS = Path.of("../shared/seeds");
    private final Transitions transitions = new Transitions("classpath:scheme/transitions.yml");

    @Test
    void everyPassageIsQuotedWordForWordFromItsDocument() throws IOException {
        assumeTrue(Files.isDirectory(SEEDS), "the seed documents are beside the work tree");

        for (Transitions.Source source : sources()) {
            String file = transitions.documents().stream().filter(d -> d.key().equals(source.document()))
                    .findFirst().orElseThrow().file();
            assertThat(squash(Files.readString(SEEDS.resolve(file)))).as(source.section()).contains(squash(source.passage()));
        }
    }

    @Test
    void everyShownTextIsItsPassageOrSaysWhyNot() {
        for (Transitions.Transition t : transitions.all()) {
            for (Transitions.Quoted q : List.of(t.summary(), t.targetRoles(), t.streamGuidance(), t.exampleRoles(), t.pairing())) {
                assertThat(lower(q.source().passage())).as(q.source().section()).contains(lower(q.text()));
            }
            t.keyExperiences().forEach(k -> assertThat(k.source().passage()).isEqualTo(k.name() + ": " + k.text()));
            t.keyChanges().stream().filter(c -> c.note() == null)
                    .forEach(c -> assertThat(c.source().passage()).endsWith(c.text()));
        }
    }

    @Test
    void eachStreamGoesWithTheTransitionOfTheSameNumber() {
        for (DevelopmentStream stream : DevelopmentStream.values()) {
            Transitions.Transition t = transitions.of(stream);
            assertThat(t.id()).isEqualTo(stream.transition());
            assertThat(t.number()).isEqualTo(stream.number());
            assertThat(t.stream()).isEqualTo(stream.number());
        }
    }

    @Test
    void bothTransitionsHaveAKeyChangeInEachOfTheFourAreas() {
        assertThat(transitions.areas()).hasSize(4);
        for (CareerTransition id : CareerTransition.values()) {
            assertThat(transitions.of(id).keyChanges()).extracting(Transitions.KeyChange::area)
                    .containsExactlyElementsOf(transitions.areas().stream().map(Transitions.Area::key).toList());
        }
    }

    @Test
    void transitionsListTheKeyExperiencesOf000() {
        assertThat(transitions.of(CareerTransition.ONE).keyExperiences()).hasSize(7);
        assertThat(transitions.of(CareerTransition.TWO).keyExperiences()).hasSize(9);
    }

    @Test
    @SuppressWarnings("unchecked")
    void areasMapOnlyToHealthcareLeadershipModelDimensionsOfTheReflectiveLog() throws IOException {
        List<String> dimensions;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("reflection/reflective-log.yml")) {
            Map<String, Object> log = new Yaml().load(in);
            dimensions = ((List<Map<String, Object>>) log.get("dimensions")).stream().map(d -> (String) d.get("key")).toList();
        }

        assertThat(transitions.areas()).allSatisfy(a -> assertThat(dimensions).containsAll(a.healthcareLeadershipModel()));
    }

    @Test
    void areasMapToSuccessProfileNamesAs004WritesThem() throws IOException {
        assumeTrue(Files.isDirectory(SEEDS), "the seed documents are beside the work tree");
        String profile = squash(Files.readString(SEEDS.resolve("004_34118b1072f3a20e.txt"))).replace('’', '\'');

        for (Transitions.Area area : transitions.areas()) {
            List<String> names = new ArrayList<>(area.successProfileCompetencies());
            names.addAll(area.successProfileExperiences());
            assertThat(names).as(area.key()).isNotEmpty().allSatisfy(n -> assertThat(profile).contains(n));
        }
    }

    @Test
    void fileThatPairsAStreamWithTheOtherTransitionStopsTheStart() throws IOException {
        Path broken = Files.createTempFile("transitions", ".yml");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("scheme/transitions.yml")) {
            Files.writeString(broken, new String(in.readAllBytes()).replaceFirst("stream: 1", "stream: 2"));
        }

        assertThatThrownBy(() -> new Transitions("file:" + broken)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be paired with stream 1");
    }

    private List<Transitions.Source> sources() {
        List<Transitions.Source> all = new ArrayList<>();
        all.add(transitions.definition().source());
        all.add(transitions.keyExperiencesExpected().source());
        all.add(transitions.mappingSource());
        transitions.areas().forEach(a -> all.add(a.source()));
        for (Transitions.Transition t : transitions.all()) {
            for (Transitions.Quoted q : List.of(t.summary(), t.targetRoles(), t.streamGuidance(), t.exampleRoles(),
                    t.pairing(), t.keyExperiencesIntro())) {
                all.add(q.source());
            }
            t.keyChanges().forEach(c -> all.add(c.source()));
            t.keyExperiences().forEach(k -> all.add(k.source()));
        }
        return all;
    }

    private static String squash(String text) {
        return String.join(" ", text.split("\\s+"));
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
