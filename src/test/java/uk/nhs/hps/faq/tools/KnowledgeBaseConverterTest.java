package uk.nhs.hps.faq.tools;

import org.junit.jupiter.api.Test;
import uk.nhs.hps.faq.KnowledgeBaseFile;
import uk.nhs.hps.faq.KnowledgeEntry;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class KnowledgeBaseConverterTest {

    private static final Path SEEDS = Path.of("../shared/seeds");

    @Test
    void committedKnowledgeBaseIsExactlyWhatTheConverterProducesFromTheSeeds() throws Exception {
        assumeTrue(Files.isDirectory(SEEDS), "the seed documents are beside the work tree");

        String generated = KnowledgeBaseConverter.convert(SEEDS, Path.of("src/test/resources/faq/kb-curation.yml"));

        assertThat(generated).isEqualTo(Files.readString(Path.of("src/main/resources/faq/knowledge-base.yml")));
    }

    @Test
    void shippedKnowledgeBaseHasEveryFaqRowAndEntriesFromTheOtherFourDocumentsWithSources() {
        List<KnowledgeEntry> entries = KnowledgeBaseFile.shipped().entries();

        assertThat(entries).filteredOn(e -> e.source().startsWith("001_")).hasSize(38);
        for (String document : List.of("000_", "002_", "003_", "004_")) {
            assertThat(entries).as(document).filteredOn(e -> e.source().startsWith(document)).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.source()).contains("section"));
        }
        assertThat(entries).filteredOn(e -> e.id().startsWith("development-stream") || e.id().startsWith("career-transition-"))
                .hasSize(8).allSatisfy(e -> assertThat(e.source()).startsWith("000_"));
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.answer()).doesNotContain("<p>", "<ul", "<u>", "</");
            assertThat(e.alternatives()).isNotEmpty();
        });
    }

    @Test
    void underlinedParagraphBecomesBoldHeadingAndBulletsBecomeAList() {
        String markdown = KnowledgeBaseConverter.toMarkdown(
                "<p>Intro:</p> <p><u>Heading one</u></p> <ul style=\"x\"> • first item • second <u>item</u> <p>After.</p>");

        assertThat(markdown).isEqualTo("Intro:\n\n**Heading one**\n\n- first item\n- second **item**\n\nAfter.");
    }

    @Test
    void listWithoutBulletMarksIsSplitIntoSentences() {
        assertThat(KnowledgeBaseConverter.toMarkdown("<ul> To improve things. Enhance others. Fill gaps"))
                .isEqualTo("- To improve things.\n- Enhance others.\n- Fill gaps");
    }

    @Test
    void brokenSpacingIsTidied() {
        assertThat(KnowledgeBaseConverter.tidy("14 th June 2022- 14 th August 2022 with CEOs . NHS/ Health"))
                .isEqualTo("14th June 2022 – 14th August 2022 with CEOs. NHS/Health");
    }

    @Test
    void continuationRowsJoinThePreviousAnswerAndCategoryRowsAreCategories() {
        List<KnowledgeBaseConverter.SeedRow> rows = KnowledgeBaseConverter.parseSeed(
                "Title\n\nQuestion\tResponse\nOverview\t\nWhat?\tPart one\n\n\tpart two.\nEvaluation\t\nHow?\tThus.\n");

        assertThat(rows).containsExactly(
                new KnowledgeBaseConverter.SeedRow("Overview", "What?", "Part one part two."),
                new KnowledgeBaseConverter.SeedRow("Evaluation", "How?", "Thus."));
    }

    @Test
    void writtenFileReadsBackToTheSameEntries() {
        KnowledgeBaseFile.Content shipped = KnowledgeBaseFile.shipped();

        String written = KnowledgeBaseFile.write(shipped, "round trip");

        assertThat(KnowledgeBaseFile.read(new ByteArrayInputStream(written.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(shipped);
    }
}
