package uk.nhs.hps.meeting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.calendar.NudgeSettings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/** The programme team sets when a cohort's sponsors are nudged about their monthly meeting. */
@Singleton
public class SettingCohortMeetingNudges {

    /** The timing in force for a cohort; {@code custom} false means the service defaults. */
    @io.micronaut.serde.annotation.Serdeable
    public record Timing(long cohortId, String nudgeAt, int secondNudgeDay, boolean custom) {
    }

    private final TransactionOperations<Connection> transactions;
    private final NudgeSettings defaults;

    SettingCohortMeetingNudges(TransactionOperations<Connection> transactions, NudgeSettings defaults) {
        this.transactions = transactions;
        this.defaults = defaults;
    }

    /** Null values put the cohort back on the service defaults. */
    public Timing set(long cohortId, @Nullable String nudgeAt, @Nullable Integer secondNudgeDay) {
        LocalTime time = nudgeAt == null || nudgeAt.isBlank() ? null : time(nudgeAt.strip());
        if (secondNudgeDay != null && (secondNudgeDay < 2 || secondNudgeDay > 28)) {
            throw new InvalidRequest("The second nudge day must be between 2 and 28, so it exists in every month.");
        }
        int changed = transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(
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
                return s.executeUpdate();
            }
        });
        if (changed == 0) {
            throw new NotFound("No cohort " + cohortId + ".");
        }
        return new Timing(cohortId, (time == null ? defaults.meetingNudgeAt() : time).toString(),
                secondNudgeDay == null ? defaults.secondNudgeDay() : secondNudgeDay, time != null || secondNudgeDay != null);
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
