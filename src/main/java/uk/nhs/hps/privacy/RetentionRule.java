package uk.nhs.hps.privacy;

import java.time.LocalDate;
import java.time.Period;

/**
 * When a cohort's people's data must be anonymised: once the retention period after the cohort's end
 * has passed. Pure, so it is tested with any date.
 */
public final class RetentionRule {

    private final Period keepFor;

    public RetentionRule(Period keepFor) {
        if (keepFor.isNegative()) {
            throw new IllegalArgumentException("The retention period cannot be negative");
        }
        this.keepFor = keepFor;
    }

    /** The first day on which data of a cohort that ended on {@code cohortEnd} is no longer kept. */
    public LocalDate anonymiseFrom(LocalDate cohortEnd) {
        return cohortEnd.plus(keepFor).plusDays(1);
    }

    public boolean due(LocalDate cohortEnd, LocalDate today) {
        return !today.isBefore(anonymiseFrom(cohortEnd));
    }
}
