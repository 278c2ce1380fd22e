package uk.nhs.hps.cohort;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cohort's engagement broken down by development stream (issue 14: the stream is used "in reports (breakdown by
 * stream)"): for stream 1, stream 2 and participants with no stream recorded, how many are on the scheme, their sponsor
 * meetings by outcome, reflective entries logged and reflective prompts answered. The stream is the roster's
 * ({@code person.development_stream}), never derived from the band. Counts only, computed in the database: no person
 * is named, so it is a cohort report and nobody's profile is read. The definitions are the cohort overview's
 * ({@link ShowingCohortOverview}): participants not left or erased; prompts of the last
 * {@value ShowingCohortOverview#PROMPT_RATE_DAYS} days, answered by an entry within
 * {@value ShowingCohortOverview#PROMPT_ANSWER_DAYS} days.
 */
@Singleton
public class ReportingEngagementByStream {

    /** The rows, always all three and in this order: the stored value, and how the report names it. */
    private static final Map<String, String> STREAMS = new LinkedHashMap<>();

    static {
        STREAMS.put("ONE", "1");
        STREAMS.put("TWO", "2");
    }
    private static final String NONE = "none";

    @Serdeable
    public record StreamEngagement(String stream, int participants, int meetingsHeld, int meetingsBooked, int meetingsMissed,
                            int meetingsNotNeeded, int reflections, int promptsSent, int promptsAnswered) {
    }

    @Serdeable
    public record Report(long cohortId, String cohortName, int promptWindowDays, int promptAnsweredWithinDays,
                  List<StreamEngagement> streams) {
    }

    private final TransactionOperations<Connection> transactions;
    private final CohortRepository cohorts;
    private final Clock clock;

    ReportingEngagementByStream(TransactionOperations<Connection> transactions, CohortRepository cohorts, Clock clock) {
        this.transactions = transactions;
        this.cohorts = cohorts;
        this.clock = clock;
    }

    /** The report of the cohort; the caller has checked the actor may read cohort reports. */
    Report report(long cohortId) {
        Cohort cohort = cohorts.findById(cohortId).orElseThrow(() -> new NotFound("There is no cohort " + cohortId + "."));
        Instant since = clock.instant().minus(Duration.ofDays(ShowingCohortOverview.PROMPT_RATE_DAYS));
        return read(cohort, null, since, null);
    }

    /**
     * The same counts over whole months (the cohort's time zone): meetings of those months, reflections logged and
     * prompts sent in them; participants as they are now. The caller has checked the actor may read cohort reports.
     */
    public Report period(long cohortId, YearMonth first, YearMonth last) {
        Cohort cohort = cohorts.findById(cohortId).orElseThrow(() -> new NotFound("There is no cohort " + cohortId + "."));
        ZoneId zone = ZoneId.of(cohort.timeZone());
        Instant from = first.atDay(1).atStartOfDay(zone).toInstant();
        Instant until = last.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        return read(cohort, new LocalDate[]{first.atDay(1), last.atDay(1)}, from, until);
    }

    /** {@code months}: the first and last month's first days, or null for all; {@code until} null: no end. */
    private Report read(Cohort cohort, @Nullable LocalDate[] months, Instant since, @Nullable Instant until) {
        long cohortId = cohort.id();
        String meetingMonths = months == null ? "" : " AND m.month_start BETWEEN ? AND ?";
        String entriesFrom = until == null ? "" : " AND r.created_at >= ? AND r.created_at < ?";
        String promptsUntil = until == null ? "" : " AND o.sent_at < ?";
        Object[] meetingParameters = months == null ? new Object[]{cohortId}
                : new Object[]{cohortId, Date.valueOf(months[0]), Date.valueOf(months[1])};
        Object[] entryParameters = until == null ? new Object[]{cohortId}
                : new Object[]{cohortId, since.atOffset(ZoneOffset.UTC), until.atOffset(ZoneOffset.UTC)};
        Object[] promptParameters = until == null ? new Object[]{cohortId, since.atOffset(ZoneOffset.UTC)}
                : new Object[]{cohortId, since.atOffset(ZoneOffset.UTC), until.atOffset(ZoneOffset.UTC)};
        return transactions.executeRead(status -> {
            Connection c = status.getConnection();
            Map<String, int[]> rows = new LinkedHashMap<>();
            STREAMS.values().forEach(s -> rows.put(s, new int[8]));
            rows.put(NONE, new int[8]);
            add(c, rows, 0, """
                    SELECT development_stream, 'ALL', COUNT(*) FROM person
                    WHERE cohort_id = ? AND role = 'PARTICIPANT' AND anonymised_at IS NULL AND status <> 'LEFT'
                    GROUP BY development_stream""", cohortId);
            add(c, rows, -1, """
                    SELECT p.development_stream, m.status, COUNT(*) FROM person p JOIN meeting_month m ON m.participant_id = p.id
                    WHERE p.cohort_id = ?%s GROUP BY p.development_stream, m.status""".formatted(meetingMonths), meetingParameters);
            add(c, rows, 5, """
                    SELECT p.development_stream, 'ALL', COUNT(*) FROM person p JOIN reflection_entry r ON r.person_id = p.id
                    WHERE p.cohort_id = ? AND r.deleted_at IS NULL%s GROUP BY p.development_stream""".formatted(entriesFrom),
                    entryParameters);
            add(c, rows, 6, """
                    SELECT p.development_stream, 'ALL', COUNT(*), SUM(CASE WHEN EXISTS (
                               SELECT 1 FROM reflection_entry r WHERE r.person_id = o.person_id AND r.deleted_at IS NULL
                               AND r.created_at >= o.sent_at AND r.created_at < o.sent_at + INTERVAL '%d' DAY) THEN 1 ELSE 0 END)
                    FROM person p JOIN outbound_message o ON o.person_id = p.id
                    WHERE p.cohort_id = ? AND o.campaign LIKE 'nudge:reflection-prompt:%%' AND o.status = 'SENT'
                      AND o.sent_at >= ?%s GROUP BY p.development_stream""".formatted(ShowingCohortOverview.PROMPT_ANSWER_DAYS,
                    promptsUntil), promptParameters);
            List<StreamEngagement> streams = rows.entrySet().stream().map(e -> {
                int[] n = e.getValue();
                return new StreamEngagement(e.getKey(), n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]);
            }).toList();
            return new Report(cohort.id(), cohort.name(), ShowingCohortOverview.PROMPT_RATE_DAYS,
                    ShowingCohortOverview.PROMPT_ANSWER_DAYS, streams);
        });
    }

    /**
     * Adds a grouped query's counts to each stream's row: at {@code column} (and the next column, for a query with a
     * fourth value), or, for {@code column} -1, at the meeting status's column (an OPEN month has nothing recorded).
     */
    private static void add(Connection c, Map<String, int[]> rows, int column, String sql, Object... parameters) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                boolean second = rs.getMetaData().getColumnCount() > 3;
                while (rs.next()) {
                    String stored = rs.getString(1);
                    int[] row = rows.get(stored == null ? NONE : STREAMS.getOrDefault(stored, NONE));
                    int at = column >= 0 ? column : switch (rs.getString(2)) {
                        case "MET" -> 1;
                        case "BOOKED" -> 2;
                        case "MISSED" -> 3;
                        case "SKIPPED" -> 4;
                        default -> -1;
                    };
                    if (at < 0) {
                        continue;
                    }
                    row[at] += rs.getInt(3);
                    if (second) {
                        row[at + 1] += rs.getInt(4);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the engagement by stream", e);
        }
    }
}
