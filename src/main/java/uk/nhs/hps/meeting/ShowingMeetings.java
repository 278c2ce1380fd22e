package uk.nhs.hps.meeting;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import uk.nhs.hps.calendar.WorkingCalendar;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * A person's own sponsor meetings: their current pairings (as participant, then as sponsor) with this month's
 * record, and, for the history, the earlier months (newest first, at most {@value #EARLIER_SHOWN}).
 */
@Singleton
class ShowingMeetings {

    static final int EARLIER_SHOWN = 24;

    /**
     * One current pairing as the viewer sees it: the other person's name (null if they are no longer on the
     * roster) and this month's record, null when nothing is recorded.
     */
    record Current(long sponsorshipId, @Nullable String otherName, boolean viewerIsSponsor, @Nullable MeetingMonth thisMonth) {
    }

    record Earlier(MeetingMonth month, @Nullable String otherName) {
    }

    record ThisMonth(LocalDate today, YearMonth month, List<Current> pairings) {
    }

    record History(YearMonth month, List<Current> pairings, List<Earlier> earlier) {
    }

    private final SponsorshipRepository sponsorships;
    private final PersonRepository people;
    private final MeetingMonthRepository months;
    private final Clock clock;

    ShowingMeetings(SponsorshipRepository sponsorships, PersonRepository people, MeetingMonthRepository months, Clock clock) {
        this.sponsorships = sponsorships;
        this.people = people;
        this.months = months;
        this.clock = clock;
    }

    ThisMonth thisMonth(Person viewer) {
        LocalDate today = today(viewer);
        YearMonth month = YearMonth.from(today);
        return new ThisMonth(today, month, current(viewer, month));
    }

    /**
     * The viewer's current pairings with their record for {@code month} (this month when null): what a card about
     * that month shows once answered.
     */
    ThisMonth month(Person viewer, @Nullable YearMonth month) {
        LocalDate today = today(viewer);
        YearMonth shown = month != null ? month : YearMonth.from(today);
        return new ThisMonth(today, shown, current(viewer, shown));
    }

    History history(Person viewer) {
        YearMonth month = YearMonth.from(today(viewer));
        List<MeetingMonth> earlier = new ArrayList<>(months.findByParticipantIdOrderByMonthStartDesc(viewer.id()));
        earlier.addAll(months.findBySponsorIdOrderByMonthStartDesc(viewer.id()));
        earlier.removeIf(m -> !m.monthStart().isBefore(month.atDay(1)));
        earlier.sort((a, b) -> b.monthStart().compareTo(a.monthStart()));
        List<Earlier> shown = earlier.stream().limit(EARLIER_SHOWN)
                .map(m -> new Earlier(m, name(m.participantId().equals(viewer.id()) ? m.sponsorId() : m.participantId())))
                .toList();
        return new History(month, current(viewer, month), shown);
    }

    private List<Current> current(Person viewer, YearMonth month) {
        List<Current> pairings = new ArrayList<>();
        for (Sponsorship s : sponsorships.findByParticipantIdOrderByStartsOn(viewer.id())) {
            if (s.isCurrent()) {
                pairings.add(new Current(s.id(), name(s.sponsorId()), false, recorded(s.id(), month)));
            }
        }
        for (Sponsorship s : sponsorships.findBySponsorIdAndEndsOnIsNull(viewer.id())) {
            pairings.add(new Current(s.id(), name(s.participantId()), true, recorded(s.id(), month)));
        }
        return pairings;
    }

    @Nullable
    private MeetingMonth recorded(long sponsorshipId, YearMonth month) {
        return months.findBySponsorshipIdAndMonthStart(sponsorshipId, month.atDay(1)).orElse(null);
    }

    @Nullable
    private String name(long personId) {
        return people.findById(personId).map(Person::displayName).orElse(null);
    }

    private LocalDate today(Person viewer) {
        return clock.instant().atZone(WorkingCalendar.zone(viewer.timeZone())).toLocalDate();
    }
}
