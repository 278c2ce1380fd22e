package uk.nhs.hps.meeting;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The meeting's purpose is quoted from 001's role of the sponsor, and the nudge's sentence keeps its words. */
class SponsorMeetingPurposeTest {

    private static final Path SEEDS = Path.of("../shared/seeds");
    private final SponsorMeetingPurpose purpose = new SponsorMeetingPurpose("meeting/sponsor-meeting.yml");

    @Test
    void passageIsWordForWordFromTheFaq() throws Exception {
        assumeTrue(Files.isDirectory(SEEDS), "the seed documents are beside the work tree");
        String seed = String.join(" ", Files.readString(SEEDS.resolve(purpose.source().file())).split("\\s+"));

        assertThat(seed).contains(purpose.source().passage());
    }

    @Test
    void shownSentenceKeepsTheFaqsWordsForWhatTheMeetingIsFor() {
        assertThat(purpose.source().passage()).contains("share ideas, reflect and review progress");
        assertThat(purpose.text()).contains("share ideas, reflect and review progress");
    }
}
