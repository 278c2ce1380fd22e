package uk.nhs.hps.meeting;

/** Where a sponsorship's meeting cycle for one month stands. */
public enum MeetingStatus {
    /** Nothing recorded yet (possibly snoozed). */
    OPEN,
    /** A date is booked but the meeting is not yet confirmed. */
    BOOKED,
    /** The meeting happened. Closes the month for both sides. */
    MET,
    /** "Not this month", with a reason (leave, illness): recorded as such, not as missed. */
    SKIPPED,
    /** The month ended without a meeting or a reason. */
    MISSED;

    public boolean closesMonth() {
        return this == MET || this == SKIPPED || this == MISSED;
    }
}
