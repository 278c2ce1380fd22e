package uk.nhs.hps.reflection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The 70:20:10 choices use 001's words for each part of the model ("What development will participants undertake?"). */
class LearningSourcesWordingTest {

    private final ReflectionDefinitions definitions = new ReflectionDefinitions("classpath:reflection/reflective-log.yml");

    @Test
    void formalLearningIsCoreWorkshopsAndLearningEvents() {
        assertThat(definitions.sourceLabel("formal")).startsWith("10:").contains("core workshops", "learning events");
    }

    @Test
    void relationshipsIncludeAMentorOrBuddy() {
        assertThat(definitions.sourceLabel("relationships")).startsWith("20:").contains("mentor or buddy", "sponsor", "career coach");
    }

    @Test
    void experienceIsExperienceBasedLearning() {
        assertThat(definitions.sourceLabel("experience")).startsWith("70:").contains("experience-based learning", "stretch assignments");
    }
}
