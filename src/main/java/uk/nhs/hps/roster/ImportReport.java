package uk.nhs.hps.roster;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What an import found and did. In a dry run the counts say what a commit would do; {@code committed}
 * says whether anything was written.
 */
@Serdeable
public record ImportReport(
        ImportMode mode,
        int rows,
        int validRows,
        List<RowProblem> problems,
        int created,
        int updated,
        int unchanged,
        int sponsorsAdded,
        int coachesAdded,
        int sponsorChanges,
        int coachChanges,
        boolean committed) {

    public boolean clean() {
        return problems.isEmpty();
    }

    public String summary() {
        String changes = created + " new, " + updated + " updated, " + unchanged + " unchanged; "
                + sponsorChanges + " sponsor change(s), " + coachChanges + " coach change(s); "
                + sponsorsAdded + " sponsor(s) and " + coachesAdded + " coach(es) added to the roster";
        String verdict = committed ? "Imported" : (mode == ImportMode.DRY_RUN ? "Dry run, nothing written" : "Nothing written");
        return verdict + ": " + rows + " row(s), " + validRows + " valid, " + problems.size() + " with problems. "
                + (committed || mode == ImportMode.DRY_RUN ? changes : "");
    }
}
