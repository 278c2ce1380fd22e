package uk.nhs.hps.faq;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The reader's rules for small talk and personal questions (patterns, no index needed). */
class FaqReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"thanks", "thank you so much", "cheers", "ok", "ok great", "bye", "see you", "hello", "anyone there",
            "are you a bot"})
    void smallTalkIsRecognised(String message) {
        assertThat(FaqReader.smallTalk(message)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"thanks but how long is the scheme", "ok so who can apply", "hello how do i apply"})
    void aQuestionAfterAGreetingIsNotSmallTalk(String message) {
        assertThat(FaqReader.smallTalk(message)).isEmpty();
    }

    @Test
    void whoIsMySponsorIsPersonal() {
        assertThat(FaqReader.personal("who is my sponsor")).contains(FaqReader.Personal.SPONSOR);
    }

    @Test
    void myCoachsEmailIsPersonal() {
        assertThat(FaqReader.personal("whats my coach's email")).contains(FaqReader.Personal.COACH);
    }

    @Test
    void whenIsMyNextMeetingIsPersonal() {
        assertThat(FaqReader.personal("when is my next meeting")).contains(FaqReader.Personal.MEETING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"what does a sponsor do", "how often do sponsors meet participants", "will i get a coach"})
    void howSponsorsAndCoachesWorkInGeneralIsNotPersonal(String question) {
        assertThat(FaqReader.personal(question)).isEmpty();
    }
}
