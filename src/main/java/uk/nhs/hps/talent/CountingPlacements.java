package uk.nhs.hps.talent;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cohort's 9-box as counts for a report: for the latest review cycle (April to March) that falls in a period and
 * has any review, how many agreed placements are in each box and how far the reviews have got. Two grouped queries,
 * whatever the size of the cohort; nobody is named, so, unlike {@link TalentReports}, no one's placement is read
 * and nothing is audited per person. Participants erased are not counted, as in {@link TalentReports}.
 */
@Singleton
public class CountingPlacements {

    /** One box, top row first and left to right: its key, its label on the grid version used, and its count. */
    public record Box(String key, String label, int count) {
    }

    /**
     * The counts of a cycle; {@code cycle} is null when no cycle of the period has a review (then every count is 0).
     * Placed = agreed + moderated + fed back (a placement is agreed once both parties confirm it).
     */
    public record Counts(@Nullable String cycle, List<String> cyclesInPeriod, String gridVersion, List<String> potentialRows,
                         List<String> performanceColumns, List<Box> boxes, int reviews, int preparing, int agreed,
                         int moderated, int fedBack) {

        public int placed() {
            return agreed + moderated + fedBack;
        }

        public Optional<Box> box(String key) {
            return boxes.stream().filter(b -> b.key().equals(key)).findFirst();
        }
    }

    private final TransactionOperations<Connection> transactions;
    private final TalentGrids grids;
    private final Access access;

    CountingPlacements(TransactionOperations<Connection> transactions, TalentGrids grids, Access access) {
        this.transactions = transactions;
        this.grids = grids;
        this.access = access;
    }

    /** The counts of the latest cycle between the two days (inclusive) that has a review of the cohort. */
    public Counts latestIn(long actorId, long cohortId, LocalDate from, LocalDate to) {
        access.require(actorId, Action.VIEW_COHORT_REPORTS, null, "9-box counts");
        List<String> cycles = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusMonths(1)) {
            String cycle = TalentReviews.cycleOf(d);
            if (!cycles.contains(cycle)) {
                cycles.add(cycle);
            }
        }
        String lastCycle = TalentReviews.cycleOf(to);
        if (!cycles.contains(lastCycle)) {
            cycles.add(lastCycle);
        }
        return transactions.executeRead(status -> {
            Connection c = status.getConnection();
            String cycle = latestWithAReview(c, cohortId, cycles);
            Map<String, Integer> perBox = new HashMap<>();
            Map<String, Integer> perStatus = new HashMap<>();
            Map<String, Integer> perVersion = new HashMap<>();
            if (cycle != null) {
                try (PreparedStatement s = c.prepareStatement("""
                        SELECT r.status, r.agreed_box, r.grid_version, COUNT(*) FROM talent_review r
                        JOIN person p ON p.id = r.participant_person_id
                        WHERE p.cohort_id = ? AND p.role = 'PARTICIPANT' AND p.anonymised_at IS NULL AND r.cycle = ?
                        GROUP BY r.status, r.agreed_box, r.grid_version""")) {
                    s.setLong(1, cohortId);
                    s.setString(2, cycle);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            int n = rs.getInt(4);
                            perStatus.merge(rs.getString(1), n, Integer::sum);
                            if (rs.getString(2) != null && !rs.getString(1).equals(TalentReview.Status.PREPARING.name())) {
                                perBox.merge(rs.getString(2), n, Integer::sum);
                                perVersion.merge(rs.getString(3), n, Integer::sum);
                            }
                        }
                    }
                }
            }
            // the labels of the grid version most placements were made on (box keys never change between versions)
            TalentGrid grid = perVersion.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .map(e -> grids.of(e.getKey())).orElseGet(grids::current);
            List<Box> boxes = grid.boxKeys().stream().map(k -> new Box(k, grid.boxLabel(k), perBox.getOrDefault(k, 0))).toList();
            int reviews = perStatus.values().stream().mapToInt(Integer::intValue).sum();
            return new Counts(cycle, List.copyOf(cycles), grid.version(),
                    grid.potential().stream().map(TalentGrid.Option::axis).toList(),
                    grid.performance().stream().map(TalentGrid.Option::axis).toList(), boxes, reviews,
                    perStatus.getOrDefault("PREPARING", 0), perStatus.getOrDefault("AGREED", 0),
                    perStatus.getOrDefault("MODERATED", 0), perStatus.getOrDefault("FED_BACK", 0));
        });
    }

    @Nullable
    private static String latestWithAReview(Connection c, long cohortId, List<String> cycles) throws SQLException {
        String marks = String.join(",", cycles.stream().map(x -> "?").toList());
        Map<String, Integer> found = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT r.cycle, COUNT(*) FROM talent_review r JOIN person p ON p.id = r.participant_person_id
                WHERE p.cohort_id = ? AND p.role = 'PARTICIPANT' AND p.anonymised_at IS NULL AND r.cycle IN (%s)
                GROUP BY r.cycle""".formatted(marks))) {
            s.setLong(1, cohortId);
            for (int i = 0; i < cycles.size(); i++) {
                s.setString(i + 2, cycles.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        // cycles are named "2026-27": later cycles sort later
        return found.keySet().stream().max(String::compareTo).orElse(null);
    }
}
