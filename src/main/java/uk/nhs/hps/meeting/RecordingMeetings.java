package uk.nhs.hps.meeting;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.AccessDenied;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.calendar.BankHolidays;
import uk.nhs.hps.calendar.WorkingCalendar;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.delivery.Outbox;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Recording this month's meeting from either side: met, booked, snoozed (sponsor only), not this month.
 * Every input is checked (the pairing is the actor's own and current, the month is this month, dates are
 * dates within the month), in that order; a failed check is a {@link Refused} outcome and records nothing. Last
 * month is accepted only while its snooze ran past its end (its reminder comes this month): then the sponsor can
 * still record that they met in it, or not. A meeting recorded by one side closes the month for both, and the
 * other side is told through the outbox (in {@link MeetingCards}' words).
 */
@Singleton
class RecordingMeetings {

    static final int MAX_NOTE = 2000;
    static final int MAX_REASON = 500;

    /**
     * Which pairing and month a button is about, as the card said: {@code sponsorshipId} is null when the card's
     * id was missing or not a number, {@code month} when the card named none (then it is this month).
     */
    record About(long actorId, @Nullable Long sponsorshipId, @Nullable YearMonth month) {
    }

    /**
     * A date as it was entered: missing, not a date, or a date. The handler reads it; whether it is wrong is
     * decided here, after whose meeting it is, so a stranger's button is refused as such whatever its dates.
     */
    sealed interface DateEntry {
        static DateEntry of(Optional<String> text) {
            if (text.isEmpty()) {
                return new Missing();
            }
            try {
                return new On(LocalDate.parse(text.get()));
            } catch (DateTimeParseException e) {
                return new NotADate();
            }
        }
    }

    record Missing() implements DateEntry {
    }

    record NotADate() implements DateEntry {
    }

    record On(LocalDate date) implements DateEntry {
    }

    record RecordMeeting(About about, DateEntry metOn, @Nullable String note) {
    }

    record BookMeeting(About about, DateEntry bookedFor) {
    }

    record SnoozeMeeting(About about) {
    }

    record SkipMonth(About about, @Nullable String reason) {
    }

    /** "met my sponsor": the participant's latest current sponsorship, this month. */
    record RecordMeetingWithMySponsor(long actorId, DateEntry metOn) {
    }

    sealed interface Outcome {
    }

    record Met(LocalDate on, YearMonth month) implements Outcome {
    }

    record AlreadyMet(LocalDate on) implements Outcome {
    }

    record Booked(LocalDate on) implements Outcome {
    }

    /** The reminder day; it may fall in the next month, which keeps {@code month} open until then. */
    record Snoozed(LocalDate until, YearMonth month) implements Outcome {
    }

    record Skipped(YearMonth month) implements Outcome {
    }

    record NoCurrentSponsor() implements Outcome {
    }

    /** Nothing was recorded; {@code month}, {@code field} and {@code recordedAs} say more where the problem has them. */
    record Refused(Problem problem, @Nullable YearMonth month, @Nullable Field field, @Nullable MeetingStatus recordedAs)
            implements Outcome {
        static Refused of(Problem problem) {
            return new Refused(problem, null, null, null);
        }

        static Refused in(Problem problem, YearMonth month) {
            return new Refused(problem, month, null, null);
        }

        static Refused on(Problem problem, Field field) {
            return new Refused(problem, null, field, null);
        }
    }

    enum Problem {
        /** The card's sponsorship id is missing, not a number, or no sponsorship. */
        UNKNOWN_MEETING,
        NOT_ON_ROSTER,
        /** Not the actor's pairing, or no longer current. */
        NOT_YOURS,
        /** The card is for a month that is neither this one nor one kept open; {@code month} is this month. */
        OTHER_MONTH,
        DATE_MISSING,
        NOT_A_DATE,
        /** "met" must be within the month and not after today. */
        MET_OUTSIDE_MONTH,
        /** "booked" must be between today and the month's end. */
        BOOKED_OUTSIDE_MONTH,
        TOO_LONG,
        ONLY_SPONSOR_SNOOZES,
        /** A month kept open by a snooze can only be answered: met in it, or not. */
        MONTH_ENDED,
        REASON_MISSING,
        /** The month is closed already ({@code recordedAs}). */
        ALREADY_RECORDED
    }

    /** The card's inputs, for problems about one of them. */
    enum Field { MET_ON, BOOKED_FOR, NOTE, REASON }

    /** Stops a check part-way; turned into the outcome at the use case's edge. */
    private static final class Refusal extends RuntimeException {
        private final Refused refused;

        Refusal(Refused refused) {
            super(refused.problem().name(), null, false, false);
            this.refused = refused;
        }
    }

    /**
     * The pairing acted on, checked: the actor's own, current, and the card's month is this month, or last
     * month kept open by a snooze that ran past its end ({@code late}).
     */
    private record Target(Sponsorship sponsorship, Person actor, LocalDate today, YearMonth month, boolean late) {
        boolean actorIsSponsor() {
            return sponsorship.sponsorId().equals(actor.id());
        }

        long otherSide() {
            return actorIsSponsor() ? sponsorship.participantId() : sponsorship.sponsorId();
        }
    }

    private final SponsorshipRepository sponsorships;
    private final PersonRepository people;
    private final MeetingMonthRepository months;
    private final Access access;
    private final Outbox outbox;
    private final BankHolidays holidays;
    private final MeetingCards cards;
    private final Clock clock;

    RecordingMeetings(SponsorshipRepository sponsorships, PersonRepository people, MeetingMonthRepository months,
                      Access access, Outbox outbox, BankHolidays holidays, MeetingCards cards, Clock clock) {
        this.sponsorships = sponsorships;
        this.people = people;
        this.months = months;
        this.access = access;
        this.outbox = outbox;
        this.holidays = holidays;
        this.cards = cards;
        this.clock = clock;
    }

    Outcome met(RecordMeeting command) {
        return checked(() -> met(target(command.about()), command.metOn(), command.note()));
    }

    Outcome metMySponsor(RecordMeetingWithMySponsor command) {
        List<Sponsorship> mine = sponsorships.findByParticipantIdOrderByStartsOn(command.actorId()).stream()
                .filter(Sponsorship::isCurrent).toList();
        if (mine.isEmpty()) {
            return new NoCurrentSponsor();
        }
        About latest = new About(command.actorId(), mine.get(mine.size() - 1).id(), null);
        return checked(() -> met(target(latest), command.metOn(), null));
    }

    Outcome book(BookMeeting command) {
        return checked(() -> {
            Target t = target(command.about());
            monthNotOver(t);
            LocalDate on = date(command.bookedFor(), Field.BOOKED_FOR);
            if (on.isBefore(t.today()) || on.isAfter(t.month().atEndOfMonth())) {
                throw new Refusal(Refused.in(Problem.BOOKED_OUTSIDE_MONTH, t.month()));
            }
            MeetingMonth cycle = open(t);
            save(cycle.booked(on, t.actor().id(), clock.instant()));
            return new Booked(on);
        });
    }

    Outcome snooze(SnoozeMeeting command) {
        return checked(() -> {
            Target t = target(command.about());
            if (!t.actorIsSponsor()) {
                throw new Refusal(Refused.of(Problem.ONLY_SPONSOR_SNOOZES));
            }
            monthNotOver(t);
            MeetingMonth cycle = open(t);
            LocalDate until = MeetingRules.snoozeReminderDay(holidays.calendar(), t.today());
            save(cycle.snoozed(until, t.actor().id(), clock.instant()));
            return new Snoozed(until, t.month());
        });
    }

    Outcome skip(SkipMonth command) {
        return checked(() -> {
            Target t = target(command.about());
            String reason = text(command.reason(), MAX_REASON, Field.REASON);
            if (reason == null) {
                throw new Refusal(Refused.on(Problem.REASON_MISSING, Field.REASON));
            }
            MeetingMonth cycle = open(t);
            save(cycle.skipped(reason, t.actor().id(), clock.instant()));
            tellOtherSide(t, "skipped", cards.skippedNotice(t.actor(), t.month()));
            return new Skipped(t.month());
        });
    }

    private static Outcome checked(Supplier<Outcome> work) {
        try {
            return work.get();
        } catch (Refusal r) {
            return r.refused;
        }
    }

    private Target target(About about) {
        long actorId = about.actorId();
        Sponsorship s = (about.sponsorshipId() == null ? Optional.<Sponsorship>empty() : sponsorships.findById(about.sponsorshipId()))
                .orElseThrow(() -> new Refusal(Refused.of(Problem.UNKNOWN_MEETING)));
        Person actor = people.findById(actorId).orElseThrow(() -> new Refusal(Refused.of(Problem.NOT_ON_ROSTER)));
        boolean party = s.sponsorId() == actorId || s.participantId() == actorId;
        try {
            access.require(actorId, Action.RECORD_MEETING, s.participantId(), "record sponsor meeting");
        } catch (AccessDenied e) {
            party = false;
        }
        if (!party || !s.isCurrent()) {
            throw new Refusal(Refused.of(Problem.NOT_YOURS));
        }
        ZoneId zone = WorkingCalendar.zone(actor.timeZone());
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        YearMonth month = YearMonth.from(today);
        YearMonth claimed = about.month();
        if (claimed != null && !claimed.equals(month)) {
            YearMonth last = month.minusMonths(1);
            boolean keptOpen = claimed.equals(last)
                    && months.findBySponsorshipIdAndMonthStart(s.id(), last.atDay(1))
                    .map(m -> MeetingRules.snoozedPastMonthEnd(last, new MeetingRules.Cycle(m.status(), m.bookedFor(), m.snoozedUntil())))
                    .orElse(false);
            if (!keptOpen) {
                throw new Refusal(Refused.in(Problem.OTHER_MONTH, month));
            }
            return new Target(s, actor, today, last, true);
        }
        return new Target(s, actor, today, month, false);
    }

    private Outcome met(Target t, DateEntry entered, @Nullable String rawNote) {
        LocalDate on = date(entered, Field.MET_ON);
        if (on.isBefore(t.month().atDay(1)) || on.isAfter(t.today()) || on.isAfter(t.month().atEndOfMonth())) {
            throw new Refusal(Refused.in(Problem.MET_OUTSIDE_MONTH, t.month()));
        }
        String note = text(rawNote, MAX_NOTE, Field.NOTE);
        MeetingMonth cycle = cycle(t);
        if (cycle.status() == MeetingStatus.MET) {
            return new AlreadyMet(cycle.metOn());
        }
        Instant now = clock.instant();
        save(cycle.met(on, note, t.actor().id(), now));
        tellOtherSide(t, "met", cards.metNotice(t.actor(), t.month(), on));
        return new Met(on, t.month());
    }

    /** A month kept open by a snooze can only be answered now: met in it, or not. */
    private static void monthNotOver(Target t) {
        if (t.late()) {
            throw new Refusal(Refused.in(Problem.MONTH_ENDED, t.month()));
        }
    }

    private MeetingMonth open(Target t) {
        MeetingMonth cycle = cycle(t);
        if (cycle.status().closesMonth()) {
            throw new Refusal(new Refused(Problem.ALREADY_RECORDED, t.month(), null, cycle.status()));
        }
        return cycle;
    }

    private MeetingMonth cycle(Target t) {
        Sponsorship s = t.sponsorship();
        return months.findBySponsorshipIdAndMonthStart(s.id(), t.month().atDay(1))
                .orElseGet(() -> MeetingMonth.open(s.id(), s.participantId(), s.sponsorId(), t.month().atDay(1), clock.instant()));
    }

    private void save(MeetingMonth cycle) {
        if (cycle.id() == null) {
            months.save(cycle);
        } else {
            months.update(cycle);
        }
    }

    private void tellOtherSide(Target t, String what, Reply notice) {
        outbox.enqueue(Outbox.Request.toPerson("meeting-recorded:" + t.sponsorship().id() + ":" + t.month() + ":" + what,
                t.otherSide(), notice).inCampaign("nudge:meeting-recorded:" + t.month()));
    }

    private static LocalDate date(DateEntry entered, Field field) {
        if (entered instanceof On on) {
            return on.date();
        }
        throw new Refusal(Refused.on(entered instanceof Missing ? Problem.DATE_MISSING : Problem.NOT_A_DATE, field));
    }

    @Nullable
    private static String text(@Nullable String entered, int max, Field field) {
        String text = entered == null ? "" : entered.strip();
        if (text.length() > max) {
            throw new Refusal(Refused.on(Problem.TOO_LONG, field));
        }
        return text.isEmpty() ? null : text;
    }
}
