package uk.nhs.hps.meeting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.calendar.CohortNudgeTimes;
import uk.nhs.hps.calendar.NudgeSettings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The programme team sets when a cohort's sponsors are nudged about their monthly meeting (the admin API and the
 * console's calendar page). Every change is audited; setting what is already set changes and audits nothing.
 */
@Singleton
public class SettingCohortMeetingNudges implements CohortNudgeTimes {

    static final String AUDIT_ACTION = "MEETING_NUDGE_TIMES_CHANGE";

    /** The timing in force for a cohort; {@code custom} false means the service defaults. */
    @io.micronaut.serde.annotation.Serdeable
    public record Timing(long cohortId, String nudgeAt, int secondNudgeDay, boolean custom) {
    }

    private final TransactionOperations<Connection> transactions;
    private final NudgeSettings defaults;
    private final Access access;
    private final AuditLog audit;

    SettingCohortMeetingNudges(TransactionOperations<Connection> transactions, NudgeSettings defaults, Access access,
                               AuditLog audit) {
        this.transactions = transactions;
        this.defaults = defaults;
        this.access = access;
        this.audit = audit;
    }

    /** Null values put the cohort back on the service defaults; {@code actor} goes into the audit log. */
    public Timing set(long cohortId, @Nullable String nudgeAt, @Nullable Integer secondNudgeDay, String actor) {
        LocalTime time = nudgeAt == null || nudgeAt.isBlank() ? null : time(nudgeAt.strip());
        if (secondNudgeDay != null && (secondNudgeDay < 2 || secondNudgeDay > 28)) {
            throw new InvalidRequest(DAY_RANGE);
        }
        Times now = write(cohortId, time, secondNudgeDay, actor)
                .orElseThrow(() -> new NotFound("No cohort " + cohortId + "."));
        return new Timing(cohortId, now.nudgeAt().toString(), now.secondNudgeDay(), now.custom());
    }

    @Override
    public List<Times> all(long actorId) {
        access.require(actorId, Action.MANAGE_ROSTER, null, "console: cohort meeting nudge times");
        return transactions.executeRead(status -> {
            List<Times> out = new ArrayList<>();
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "SELECT id, name, meeting_nudge_at, meeting_second_nudge_day FROM cohort ORDER BY id DESC");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(times(rs));
                }
            }
            return out;
        });
    }

    @Override
    public Change change(long actorId, long cohortId, @Nullable String nudgeAt, @Nullable String secondNudgeDay) {
        access.require(actorId, Action.MANAGE_ROSTER, null, "console: cohort meeting nudge times");
        Map<String, String> errors = new LinkedHashMap<>();
        LocalTime time = null;
        if (nudgeAt != null && !nudgeAt.isBlank()) {
            try {
                time = time(nudgeAt.strip());
            } catch (InvalidRequest e) {
                errors.put("nudgeAt", e.getMessage());
            }
        }
        Integer day = null;
        if (secondNudgeDay != null && !secondNudgeDay.isBlank()) {
            try {
                day = Integer.valueOf(secondNudgeDay.strip());
                if (day < 2 || day > 28) {
                    errors.put("secondNudgeDay", DAY_RANGE);
                }
            } catch (NumberFormatException e) {
                errors.put("secondNudgeDay", "The second nudge day must be a whole number from 2 to 28.");
            }
        }
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        Times before = current(cohortId).orElseThrow(() -> new NotFound("No cohort " + cohortId + "."));
        if (same(before, time, day)) {
            return new Unchanged(before);
        }
        return new Changed(write(cohortId, time, day, AuditLog.person(actorId))
                .orElseThrow(() -> new NotFound("No cohort " + cohortId + ".")));
    }

    private static final String DAY_RANGE = "The second nudge day must be between 2 and 28, so it exists in every month.";

    private boolean same(Times before, @Nullable LocalTime time, @Nullable Integer day) {
        LocalTime wantedTime = time == null ? defaults.meetingNudgeAt() : time;
        int wantedDay = day == null ? defaults.secondNudgeDay() : day;
        boolean wantedCustom = time != null || day != null;
        return before.nudgeAt().equals(wantedTime) && before.secondNudgeDay() == wantedDay && before.custom() == wantedCustom;
    }

    private Optional<Times> current(long cohortId) {
        return transactions.executeRead(status -> read(status.getConnection(), cohortId));
    }

    private Optional<Times> write(long cohortId, @Nullable LocalTime time, @Nullable Integer secondNudgeDay, String actor) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE cohort SET meeting_nudge_at = ?, meeting_second_nudge_day = ? WHERE id = ?")) {
                if (time == null) {
                    s.setNull(1, Types.VARCHAR);
                } else {
                    s.setString(1, time.toString());
                }
                if (secondNudgeDay == null) {
                    s.setNull(2, Types.INTEGER);
                } else {
                    s.setInt(2, secondNudgeDay);
                }
                s.setLong(3, cohortId);
                if (s.executeUpdate() == 0) {
                    return Optional.<Times>empty();
                }
            }
            Optional<Times> now = read(c, cohortId);
            now.ifPresent(t -> audit.record(actor, AUDIT_ACTION, null, "cohort " + cohortId + ": "
                    + (t.custom() ? "nudges at " + t.nudgeAt() + ", second nudge on day " + t.secondNudgeDay()
                    : "back to the defaults (" + t.nudgeAt() + ", day " + t.secondNudgeDay() + ")")));
            return now;
        });
    }

    private Optional<Times> read(Connection c, long cohortId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, name, meeting_nudge_at, meeting_second_nudge_day FROM cohort WHERE id = ?")) {
            s.setLong(1, cohortId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(times(rs)) : Optional.empty();
            }
        }
    }

    private Times times(ResultSet rs) throws SQLException {
        String at = rs.getString(3);
        int day = rs.getInt(4);
        boolean dayGiven = !rs.wasNull();
        return new Times(rs.getLong(1), rs.getString(2), at == null ? defaults.meetingNudgeAt() : LocalTime.parse(at),
                dayGiven ? day : defaults.secondNudgeDay(), at != null || dayGiven);
    }

    private LocalTime time(String value) {
        LocalTime time;
        try {
            time = LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest("The nudge time must be a time of day such as 09:30.");
        }
        if (time.isBefore(defaults.dayStarts()) || !time.isBefore(defaults.dayEnds())) {
            throw new InvalidRequest("Nudges go out between " + defaults.dayStarts() + " and " + defaults.dayEnds()
                    + " local time; choose a time in that window.");
        }
        return time;
    }
}
