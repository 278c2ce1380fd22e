package uk.nhs.hps.cohort;

import io.micronaut.context.ApplicationContext;

/** Lets the console benchmark drop a cohort's kept figures, so a request waits for them to be counted. */
public final class OverviewBenchAccess {

    private OverviewBenchAccess() {
    }

    public static void forgetKeptFigures(ApplicationContext context) {
        context.getBean(ShowingCohortOverview.class).forgetKeptFigures();
    }
}
