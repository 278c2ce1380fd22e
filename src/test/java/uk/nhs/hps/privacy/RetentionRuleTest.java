package uk.nhs.hps.privacy;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.Period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionRuleTest {

    private final RetentionRule twoYears = new RetentionRule(Period.ofYears(2));
    private final LocalDate cohortEnd = LocalDate.of(2026, 3, 31);

    @Test
    void dataIsKeptThroughTheLastDayOfTheRetentionPeriod() {
        assertThat(twoYears.due(cohortEnd, LocalDate.of(2028, 3, 31))).isFalse();
    }

    @Test
    void dataIsAnonymisedFromTheDayAfter() {
        assertThat(twoYears.anonymiseFrom(cohortEnd)).isEqualTo(LocalDate.of(2028, 4, 1));
        assertThat(twoYears.due(cohortEnd, LocalDate.of(2028, 4, 1))).isTrue();
    }

    @Test
    void aCohortStillRunningIsNeverDue() {
        assertThat(twoYears.due(LocalDate.of(2027, 3, 31), LocalDate.of(2026, 11, 1))).isFalse();
    }

    @Test
    void leapDayEndsRollToTheEndOfFebruary() {
        assertThat(new RetentionRule(Period.ofYears(1)).anonymiseFrom(LocalDate.of(2028, 2, 29))).isEqualTo(LocalDate.of(2029, 3, 1));
    }

    @Test
    void negativePeriodIsRefused() {
        assertThatThrownBy(() -> new RetentionRule(Period.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
