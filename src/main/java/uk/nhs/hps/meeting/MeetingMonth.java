package uk.nhs.hps.meeting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;

/** One sponsorship's meeting cycle for one calendar month ({@code monthStart} is its first day). */
@MappedEntity("meeting_month")
record MeetingMonth(
        @Id @GeneratedValue @Nullable Long id,
        Long sponsorshipId,
        Long participantId,
        Long sponsorId,
        LocalDate monthStart,
        MeetingStatus status,
        @Nullable LocalDate metOn,
        @Nullable LocalDate bookedFor,
        @Nullable LocalDate snoozedUntil,
        @Nullable String reason,
        @Nullable String note,
        @Nullable Long recordedBy,
        Instant updatedAt) {

    static MeetingMonth open(long sponsorshipId, long participantId, long sponsorId, LocalDate monthStart, Instant now) {
        return new MeetingMonth(null, sponsorshipId, participantId, sponsorId, monthStart, MeetingStatus.OPEN, null,
                null, null, null, null, null, now);
    }

    MeetingMonth met(LocalDate on, @Nullable String privateNote, long by, Instant now) {
        return new MeetingMonth(id, sponsorshipId, participantId, sponsorId, monthStart, MeetingStatus.MET, on, bookedFor,
                null, null, privateNote, by, now);
    }

    MeetingMonth booked(LocalDate on, long by, Instant now) {
        return new MeetingMonth(id, sponsorshipId, participantId, sponsorId, monthStart, MeetingStatus.BOOKED, null, on,
                null, null, note, by, now);
    }

    MeetingMonth snoozed(LocalDate until, long by, Instant now) {
        return new MeetingMonth(id, sponsorshipId, participantId, sponsorId, monthStart, status, metOn, bookedFor,
                until, reason, note, by, now);
    }

    MeetingMonth skipped(String why, long by, Instant now) {
        return new MeetingMonth(id, sponsorshipId, participantId, sponsorId, monthStart, MeetingStatus.SKIPPED, null,
                null, null, why, note, by, now);
    }
}
