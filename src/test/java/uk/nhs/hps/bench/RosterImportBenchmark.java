package uk.nhs.hps.bench;

import io.micronaut.context.ApplicationContext;
import uk.nhs.hps.cohort.ManagingCohorts;
import uk.nhs.hps.roster.ImportMode;
import uk.nhs.hps.roster.ImportReport;
import uk.nhs.hps.roster.ImportingRoster;
import uk.nhs.hps.support.TestDatabases;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * How long a 5,000-person roster takes to import (first import, then an unchanged re-import), on H2 and
 * on embedded PostgreSQL. Not a test: run with {@code ./mvnw -Pbench -DskipTests verify}; prints its figures.
 */
public final class RosterImportBenchmark {

    private static final int PARTICIPANTS = 5_000;

    public static void main(String[] args) {
        run("H2 (in memory)", TestDatabases.h2(), false);
        // alternated, so neither side has the JIT to itself
        for (int round = 1; round <= 2; round++) {
            run("H2 file, WRITE_DELAY=500 (H2's default, before), round " + round, TestDatabases.h2File(), true);
            run("H2 file, WRITE_DELAY=0 (durable, the service's default), round " + round, TestDatabases.h2File(), false);
        }
        run("PostgreSQL 17 (embedded)", TestDatabases.postgres(), false);
        System.exit(0);
    }

    @SuppressWarnings("unchecked")
    private static void run(String label, Map<String, String> database, boolean delayedWrites) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("micronaut.server.port", "-1");
        try (ApplicationContext context = ApplicationContext.builder().environments("dev").properties(properties).start()) {
            if (delayedWrites) {
                TestDatabases.delayH2Writes(context.getBean(io.micronaut.transaction.TransactionOperations.class));
            }
            context.getBean(ManagingCohorts.class).create(new ManagingCohorts.CohortDetails("Bench 2026",
                    LocalDate.of(2026, 4, 1), LocalDate.of(2028, 3, 31), null, null));
            byte[] csv = roster();
            ImportingRoster importing = context.getBean(ImportingRoster.class);

            long start = System.nanoTime();
            ImportReport first = importing.importCsv(csv, ImportMode.COMMIT, "bench", "benchmark");
            double firstSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            ImportReport again = importing.importCsv(csv, ImportMode.COMMIT, "bench", "benchmark");
            double againSeconds = (System.nanoTime() - start) / 1e9;

            System.out.printf("roster import benchmark [%s]: %,d participants (+%d sponsors, %d coaches): first import %.2f s"
                            + " (created %d), unchanged re-import %.2f s (unchanged %d)%n", label, PARTICIPANTS,
                    first.sponsorsAdded(), first.coachesAdded(), firstSeconds, first.created(), againSeconds, again.unchanged());
        }
    }

    private static byte[] roster() {
        StringBuilder csv = new StringBuilder("email,name,organisation,band,cohort,sponsor_email,sponsor_name,coach_email,coach_name\n");
        for (int i = 0; i < PARTICIPANTS; i++) {
            csv.append("participant.").append(i).append("@bench.nhs.net,Participant ").append(i)
                    .append(",Trust ").append(i % 200).append(",8a,Bench 2026,sponsor.").append(i % 1000)
                    .append("@bench.nhs.net,Sponsor ").append(i % 1000).append(",coach.").append(i % 100)
                    .append("@bench.nhs.net,Coach ").append(i % 100).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private RosterImportBenchmark() {
    }
}
