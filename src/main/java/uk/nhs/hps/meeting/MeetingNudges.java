package uk.nhs.hps.meeting;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.hps.calendar.NudgeSettings;
import uk.nhs.hps.calendar.WorkingCalendar;
import uk.nhs.hps.delivery.Outbox;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Works out, set-based, which sponsor-meeting nudges are due now: one query for the current sponsorships
 * of active people, one for the recent meeting cycles, one to the outbox for the nudges already queued, then the rules in
 * memory. A sponsor's due nudges of the same kind become one combined card listing their participants.
 * A bad row is reported in the result and skipped; it never stops the others.
 */
@Singleton
public class MeetingNudges {

    private static final Logger LOG = LoggerFactory.getLogger(MeetingNudges.class);
    static final String KEY_PREFIX = "sponsor-meeting:";

    /** What a pass found: the requests to enqueue, how many were already queued, and rows that failed. */
    public record Pass(List<Outbox.Request> requests, int sponsorships, int alreadyQueued, List<String> failures) {
    }

    private record PairRow(long sponsorshipId, long participantId, long sponsorId, String participantName,
                           String sponsorZone, LocalDate startsOn, String cohortNudgeAt, Integer cohortSecondDay) {
    }

    private record Group(long sponsorId, MeetingRules.Due due, ZoneId zone, List<PairRow> pairs) {
    }

    private final TransactionOperations<Connection> transactions;
    private final NudgeSettings settings;
    private final MeetingCards cards;
    private final Outbox outbox;

    MeetingNudges(TransactionOperations<Connection> transactions, NudgeSettings settings, MeetingCards cards, Outbox outbox) {
        this.transactions = transactions;
        this.settings = settings;
        this.cards = cards;
        this.outbox = outbox;
    }

    static String campaign(YearMonth month) {
        return "nudge:sponsor-meeting:" + month;
    }

    public Pass due(Instant now, WorkingCalendar calendar) {
        return transactions.executeRead(status -> compute(status.getConnection(), now, calendar));
    }

    private Pass compute(Connection c, Instant now, WorkingCalendar calendar) throws SQLException {
        // one set of rules per distinct cohort timing; cohorts without their own use the service defaults
        Map<String, MeetingRules> rulesByTiming = new java.util.HashMap<>();
        YearMonth utcMonth = YearMonth.from(now.atZone(ZoneOffset.UTC));
        List<PairRow> pairs = currentPairs(c);
        Map<Long, Map<LocalDate, MeetingRules.Cycle>> cycles = cycles(c, utcMonth.minusMonths(2).atDay(1));
        Set<String> queued = outbox.queuedKeys(List.of(campaign(utcMonth.minusMonths(1)), campaign(utcMonth),
                campaign(utcMonth.plusMonths(1))));
        Map<String, Group> groups = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        int alreadyQueued = 0;
        for (PairRow pair : pairs) {
            try {
                ZoneId zone = WorkingCalendar.zone(pair.sponsorZone());
                YearMonth month = YearMonth.from(now.atZone(zone));
                Map<LocalDate, MeetingRules.Cycle> byMonth = cycles.getOrDefault(pair.sponsorshipId(), Map.of());
                MeetingRules rules = rulesByTiming.computeIfAbsent(pair.cohortNudgeAt() + "|" + pair.cohortSecondDay(),
                        timing -> new MeetingRules(calendar,
                                pair.cohortNudgeAt() != null ? java.time.LocalTime.parse(pair.cohortNudgeAt()) : settings.meetingNudgeAt(),
                                pair.cohortSecondDay() != null ? pair.cohortSecondDay() : settings.secondNudgeDay()));
                for (MeetingRules.Due due : rules.due(now, zone, pair.startsOn(), byMonth.get(month.atDay(1)),
                        byMonth.get(month.minusMonths(1).atDay(1)))) {
                    String key = KEY_PREFIX + pair.sponsorId() + ":" + due.keySuffix();
                    if (queued.contains(key)) {
                        alreadyQueued++;
                        continue;
                    }
                    groups.computeIfAbsent(key, k -> new Group(pair.sponsorId(), due, zone, new ArrayList<>())).pairs().add(pair);
                }
            } catch (RuntimeException e) {
                LOG.warn("Meeting nudge rules failed for sponsorship id={}", pair.sponsorshipId(), e);
                failures.add("sponsorship " + pair.sponsorshipId() + ": " + e.getClass().getSimpleName());
            }
        }
        List<Outbox.Request> requests = new ArrayList<>(groups.size());
        for (Map.Entry<String, Group> entry : groups.entrySet()) {
            Group g = entry.getValue();
            try {
                LocalDate today = now.atZone(g.zone()).toLocalDate();
                boolean booked = g.due().kind() == MeetingRules.Kind.BOOKED;
                // a snooze that ran past the month's end reminds about that month: "We've met" defaults to its last day
                boolean ended = g.due().month().isBefore(YearMonth.from(today));
                LocalDate metDefault = booked ? g.due().date() : ended ? g.due().month().atEndOfMonth() : today;
                List<MeetingCards.Pair> shown = g.pairs().stream()
                        .map(p -> new MeetingCards.Pair(p.sponsorshipId(), p.participantName(), "", metDefault, !booked,
                                ended && !booked))
                        .toList();
                requests.add(Outbox.Request.toPerson(entry.getKey(), g.sponsorId(),
                                cards.nudge(g.due().kind(), g.due().month(), g.due().date(), shown))
                        .at(now).inCampaign(campaign(g.due().month())));
            } catch (RuntimeException e) {
                LOG.warn("Meeting nudge card failed for sponsor id={}", g.sponsorId(), e);
                failures.add("sponsor " + g.sponsorId() + ": " + e.getClass().getSimpleName());
            }
        }
        return new Pass(requests, pairs.size(), alreadyQueued, failures);
    }

    private static List<PairRow> currentPairs(Connection c) throws SQLException {
        List<PairRow> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT s.id, s.participant_id, s.sponsor_id, p.display_name, sp.time_zone, s.starts_on,
                       co.meeting_nudge_at, co.meeting_second_nudge_day
                FROM sponsorship s
                JOIN person p ON p.id = s.participant_id
                JOIN person sp ON sp.id = s.sponsor_id
                LEFT JOIN cohort co ON co.id = p.cohort_id
                WHERE s.ends_on IS NULL
                  AND p.status = 'ACTIVE' AND p.anonymised_at IS NULL
                  AND sp.status = 'ACTIVE' AND sp.anonymised_at IS NULL
                ORDER BY s.sponsor_id, p.display_name, s.id""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(new PairRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, LocalDate.class), rs.getString(7), (Integer) rs.getObject(8)));
            }
        }
        return rows;
    }

    private static Map<Long, Map<LocalDate, MeetingRules.Cycle>> cycles(Connection c, LocalDate from) throws SQLException {
        Map<Long, Map<LocalDate, MeetingRules.Cycle>> cycles = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT sponsorship_id, month_start, status, booked_for, snoozed_until FROM meeting_month WHERE month_start >= ?")) {
            s.setDate(1, Date.valueOf(from));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    cycles.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getObject(2, LocalDate.class),
                            new MeetingRules.Cycle(MeetingStatus.valueOf(rs.getString(3)), rs.getObject(4, LocalDate.class),
                                    rs.getObject(5, LocalDate.class)));
                }
            }
        }
        return cycles;
    }
}
