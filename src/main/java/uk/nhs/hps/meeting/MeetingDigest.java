package uk.nhs.hps.meeting;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.calendar.BankHolidays;
import uk.nhs.hps.calendar.NudgeSettings;
import uk.nhs.hps.calendar.WorkingCalendar;
import uk.nhs.hps.conversation.PlainText;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.delivery.Outbox;
import uk.nhs.hps.people.DevelopmentStream;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Closes a month: every pairing that was current at the month's end (for at least two weeks of it) with no
 * meeting and no reason is recorded MISSED, then the programme team gets one digest: meetings held per
 * cohort, and the participants who have now missed two months in a row. A month whose sponsor snoozed past
 * its end is left open (the sponsor was promised a reminder next month and can still answer it) and counted
 * as "awaiting a snoozed reminder"; it is closed as MISSED, if still unanswered, when the following month is.
 * Safe to run again: missed rows are only added where nothing is recorded, and the digest's idempotency key
 * sends it once per member per month.
 */
@Singleton
public class MeetingDigest {

    static final int MAX_NAMES = 50;

    public record Result(YearMonth month, int missedRecorded, int cohorts, int twoMonthsMissed, int recipients) {
    }

    /** A month's meetings: held, not this month (with a reason), missed, and still open after a snooze past its end. */
    public record Counts(int met, int skipped, int missed, int awaitingSnooze) {
    }

    /** One cohort's line of the digest, with its streams (stream 1, stream 2, then "no stream recorded"). */
    public record CohortLine(String cohort, Counts counts, Map<String, Counts> byStream) {
    }

    /** A participant who missed this month and the one before; {@code sponsorErased} when the sponsor's name is gone. */
    public record MissedTwice(long participantId, String participant, long sponsorId, String sponsor, boolean sponsorErased) {
    }

    /** What the digest says about a month, as figures (the page shows them; {@link #run} words them). */
    public record Figures(YearMonth month, List<CohortLine> cohorts, List<MissedTwice> missedTwice) {
    }

    /** How the digest names a development stream (or its absence); streams come from the roster, never the band. */
    static String streamLabel(String stream) {
        return stream == null ? "no stream recorded" : "stream " + DevelopmentStream.valueOf(stream).number();
    }

    private final TransactionOperations<Connection> transactions;
    private final Access access;
    private final PersonRepository people;
    private final Outbox outbox;
    private final BankHolidays holidays;
    private final NudgeSettings settings;
    private final Clock clock;

    MeetingDigest(TransactionOperations<Connection> transactions, Access access,
                  PersonRepository people, Outbox outbox, BankHolidays holidays, NudgeSettings settings, Clock clock) {
        this.transactions = transactions;
        this.access = access;
        this.people = people;
        this.outbox = outbox;
        this.holidays = holidays;
        this.settings = settings;
        this.clock = clock;
    }

    /** The month that has just ended in the scheme's home zone (Europe/London). */
    public YearMonth lastMonth() {
        return YearMonth.from(clock.instant().atZone(WorkingCalendar.DEFAULT_ZONE)).minusMonths(1);
    }

    public Result run(YearMonth month) {
        Instant now = clock.instant();
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            int missed = closeSnoozedPastEnd(c, month.minusMonths(1), now) + recordMissed(c, month, now);
            List<CohortLine> cohorts = perCohort(c, month);
            List<String> twice = missedTwice(c, month).stream()
                    .map(m -> PlainText.inline(m.participant()) + " (sponsor " + PlainText.inline(m.sponsor()) + ")").toList();
            int recipients = send(month, cohorts, twice, now);
            return new Result(month, missed, cohorts.size(), twice.size(), recipients);
        });
    }

    /**
     * The digest's figures for a month as they stand, without closing it or sending anything: the console shows them.
     * Before the month is closed, meetings nobody recorded are not yet counted as missed. A cohort report
     * ({@code VIEW_COHORT_REPORTS}); the people it names are the caller's to audit.
     */
    public Figures figures(long actorId, YearMonth month) {
        access.require(actorId, uk.nhs.hps.access.Action.VIEW_COHORT_REPORTS, null, "console: meeting digest " + month);
        return transactions.executeRead(status -> new Figures(month, perCohort(status.getConnection(), month),
                missedTwice(status.getConnection(), month)));
    }

    private static int recordMissed(Connection c, YearMonth month, Instant now) throws SQLException {
        LocalDate start = month.atDay(1);
        LocalDate end = month.atEndOfMonth();
        String noMeeting = """
                NOT EXISTS (SELECT 1 FROM meeting_month x WHERE x.participant_id = %s AND x.month_start = ?
                            AND x.status IN ('MET', 'SKIPPED'))""";
        int changed;
        // a snooze whose reminder falls after the month's end keeps the month open (MeetingRules.snoozedPastMonthEnd)
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE meeting_month SET status = 'MISSED', updated_at = ?
                WHERE month_start = ? AND status IN ('OPEN', 'BOOKED')
                  AND NOT (status = 'OPEN' AND snoozed_until IS NOT NULL AND snoozed_until > ?)
                  AND""" + " " + noMeeting.formatted("meeting_month.participant_id"))) {
            s.setObject(1, now.atOffset(java.time.ZoneOffset.UTC));
            s.setDate(2, Date.valueOf(start));
            s.setDate(3, Date.valueOf(end));
            s.setDate(4, Date.valueOf(start));
            changed = s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO meeting_month (sponsorship_id, participant_id, sponsor_id, month_start, status, updated_at)
                SELECT s.id, s.participant_id, s.sponsor_id, ?, 'MISSED', ?
                FROM sponsorship s JOIN person p ON p.id = s.participant_id
                WHERE s.starts_on <= ? AND (s.ends_on IS NULL OR s.ends_on >= ?)
                  AND p.status = 'ACTIVE' AND p.anonymised_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM meeting_month m WHERE m.sponsorship_id = s.id AND m.month_start = ?)
                  AND""" + " " + noMeeting.formatted("s.participant_id"))) {
            s.setDate(1, Date.valueOf(start));
            s.setObject(2, now.atOffset(java.time.ZoneOffset.UTC));
            s.setDate(3, Date.valueOf(end.minusDays(14)));
            s.setDate(4, Date.valueOf(end));
            s.setDate(5, Date.valueOf(start));
            s.setDate(6, Date.valueOf(start));
            changed += s.executeUpdate();
        }
        return changed;
    }

    /** The month before, still open after its snoozed reminder was sent a month ago: now missed. */
    private static int closeSnoozedPastEnd(Connection c, YearMonth month, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE meeting_month SET status = 'MISSED', updated_at = ?
                WHERE month_start = ? AND status = 'OPEN' AND snoozed_until > ?""")) {
            s.setObject(1, now.atOffset(java.time.ZoneOffset.UTC));
            s.setDate(2, Date.valueOf(month.atDay(1)));
            s.setDate(3, Date.valueOf(month.atEndOfMonth()));
            return s.executeUpdate();
        }
    }

    private static List<CohortLine> perCohort(Connection c, YearMonth month) throws SQLException {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Map<String, int[]>> byStream = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT COALESCE(co.name, 'No cohort'), p.development_stream, m.status, COUNT(*)
                FROM meeting_month m JOIN person p ON p.id = m.participant_id LEFT JOIN cohort co ON co.id = p.cohort_id
                WHERE m.month_start = ? GROUP BY COALESCE(co.name, 'No cohort'), p.development_stream, m.status""")) {
            s.setDate(1, Date.valueOf(month.atDay(1)));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int[] row = counts.computeIfAbsent(rs.getString(1), k -> new int[4]);
                    // stream 1, stream 2, then people with none, whatever order the database returns them in
                    int[] streamRow = byStream.computeIfAbsent(rs.getString(1), k -> new TreeMap<>(
                            java.util.Comparator.comparing((String label) -> label.startsWith("no ")).thenComparing(label -> label)))
                            .computeIfAbsent(streamLabel(rs.getString(2)), k -> new int[4]);
                    int column = switch (rs.getString(3)) {
                        case "MET" -> 0;
                        case "SKIPPED" -> 1;
                        case "MISSED" -> 2;
                        case "OPEN" -> 3; // only snoozed-past-the-end rows are still open now
                        default -> -1;
                    };
                    if (column >= 0) {
                        row[column] += rs.getInt(4);
                        streamRow[column] += rs.getInt(4);
                    }
                }
            }
        }
        List<CohortLine> lines = new ArrayList<>();
        counts.forEach((name, n) -> {
            Map<String, Counts> streams = new LinkedHashMap<>();
            byStream.get(name).forEach((stream, k) -> streams.put(stream, counts(k)));
            lines.add(new CohortLine(name, counts(n), streams));
        });
        return lines;
    }

    private static Counts counts(int[] n) {
        return new Counts(n[0], n[1], n[2], n[3]);
    }

    private static List<MissedTwice> missedTwice(Connection c, YearMonth month) throws SQLException {
        List<MissedTwice> names = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT DISTINCT p.id, p.display_name, sp.id, sp.display_name, CASE WHEN sp.anonymised_at IS NULL THEN 0 ELSE 1 END
                FROM meeting_month m
                JOIN meeting_month prev ON prev.participant_id = m.participant_id AND prev.month_start = ? AND prev.status = 'MISSED'
                JOIN person p ON p.id = m.participant_id JOIN person sp ON sp.id = m.sponsor_id
                WHERE m.month_start = ? AND m.status = 'MISSED' AND p.anonymised_at IS NULL
                ORDER BY p.display_name, sp.display_name, p.id, sp.id""")) {
            s.setDate(1, Date.valueOf(month.minusMonths(1).atDay(1)));
            s.setDate(2, Date.valueOf(month.atDay(1)));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(new MissedTwice(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getInt(5) == 1));
                }
            }
        }
        return names;
    }

    private int send(YearMonth month, List<CohortLine> cohorts, List<String> twice, Instant now) {
        StringBuilder text = new StringBuilder("**Sponsor meetings in " + MeetingCards.monthName(month) + "**\n\n");
        if (cohorts.isEmpty()) {
            text.append("No sponsor meetings were due.\n");
        }
        for (CohortLine line : cohorts) {
            Counts n = line.counts();
            text.append("- ").append(line.cohort()).append(": ").append(n.met()).append(" held, ")
                    .append(n.skipped()).append(" not this month (with a reason), ").append(n.missed()).append(" missed")
                    .append(n.awaitingSnooze() == 0 ? "" : ", " + n.awaitingSnooze() + " awaiting a snoozed reminder")
                    .append('\n');
            line.byStream().forEach((stream, k) -> text.append("  - ").append(stream).append(": ").append(k.met()).append(" held, ")
                    .append(k.skipped()).append(" not this month, ").append(k.missed()).append(" missed")
                    .append(k.awaitingSnooze() == 0 ? "" : ", " + k.awaitingSnooze() + " awaiting a snoozed reminder").append('\n'));
        }
        if (!twice.isEmpty()) {
            text.append("\n**Missed two months in a row** (").append(twice.size()).append(")\n\n");
            twice.stream().limit(MAX_NAMES).forEach(n -> text.append("- ").append(n).append('\n'));
            if (twice.size() > MAX_NAMES) {
                text.append("- and ").append(twice.size() - MAX_NAMES).append(" more\n");
            }
        }
        WorkingCalendar calendar = holidays.calendar();
        Instant at = WorkingCalendar.at(calendar.firstWorkingDayOnOrAfter(now.atZone(WorkingCalendar.DEFAULT_ZONE).toLocalDate()),
                settings.meetingNudgeAt(), WorkingCalendar.DEFAULT_ZONE);
        List<Outbox.Request> requests = new ArrayList<>();
        // current members only, and not while they are paused (on leave)
        for (Long member : access.currentProgrammeTeam()) {
            if (people.findById(member).map(Person::isActive).orElse(false)) {
                requests.add(Outbox.Request.toPerson("meeting-digest:" + month + ":" + member, member,
                        Reply.text(text.toString())).at(at.isAfter(now) ? at : now).inCampaign("nudge:meeting-digest:" + month));
            }
        }
        outbox.enqueueAll(requests);
        return requests.size();
    }
}
