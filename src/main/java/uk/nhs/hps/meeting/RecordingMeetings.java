package uk.nhs.hps.meeting;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.AccessDenied;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.calendar.BankHolidays;
import uk.nhs.hps.calendar.WorkingCalendar;
import uk.nhs.hps.conversation.PlainText;
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

/**
 * Recording this month's meeting from either side: met, booked, snoozed (sponsor only), not this month.
 * Every input is checked (the pairing is the actor's own and current, the month is this month, dates are
 * dates within the month); a failed check throws {@link MeetingProblem} and records nothing. Last month is
 * accepted only while its snooze ran past its end (its reminder comes this month): then the sponsor can still
 * record that they met in it, or not. A meeting
 * recorded by one side closes the month for both, and the other side is told through the outbox.
 */
@Singleton
class RecordingMeetings {

    static final int MAX_NOTE = 2000;
    static final int MAX_REASON = 500;
    private static final String BAD_BUTTON = "Sorry, that button didn't work";

    private final SponsorshipRepository sponsorships;
    private final PersonRepository people;
    private final MeetingMonthRepository months;
    private final Access access;
    private final Outbox outbox;
    private final BankHolidays holidays;
    private final Clock clock;

    RecordingMeetings(SponsorshipRepository sponsorships, PersonRepository people, MeetingMonthRepository months,
                      Access access, Outbox outbox, BankHolidays holidays, Clock clock) {
        this.sponsorships = sponsorships;
        this.people = people;
        this.months = months;
        this.access = access;
        this.outbox = outbox;
        this.holidays = holidays;
        this.clock = clock;
    }

    /**
     * The pairing acted on, checked: the actor's own, current, and the card's month is this month, or last
     * month kept open by a snooze that ran past its end ({@code late}).
     */
    record Target(Sponsorship sponsorship, Person actor, LocalDate today, YearMonth month, boolean late) {
        boolean actorIsSponsor() {
            return sponsorship.sponsorId().equals(actor.id());
        }

        long otherSide() {
            return actorIsSponsor() ? sponsorship.participantId() : sponsorship.sponsorId();
        }
    }

    Target target(long actorId, @Nullable Object rawSponsorshipId, @Nullable Object rawMonth) {
        long id;
        try {
            id = Long.parseLong(String.valueOf(rawSponsorshipId).trim());
        } catch (NumberFormatException e) {
            throw new MeetingProblem(BAD_BUTTON, "I couldn't tell which meeting that was about.");
        }
        Sponsorship s = sponsorships.findById(id)
                .orElseThrow(() -> new MeetingProblem(BAD_BUTTON, "I couldn't tell which meeting that was about."));
        Person actor = people.findById(actorId).orElseThrow(() -> new MeetingProblem(BAD_BUTTON, "You're not on the roster."));
        boolean party = s.sponsorId() == actorId || s.participantId() == actorId;
        try {
            access.require(actorId, Action.RECORD_MEETING, s.participantId(), "record sponsor meeting");
        } catch (AccessDenied e) {
            party = false;
        }
        if (!party || !s.isCurrent()) {
            throw new MeetingProblem("Sorry, that isn't yours to record",
                    "That meeting is not between you and your current sponsor or participant.");
        }
        ZoneId zone = WorkingCalendar.zone(actor.timeZone());
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        YearMonth month = YearMonth.from(today);
        if (rawMonth != null && !month.toString().equals(String.valueOf(rawMonth))) {
            YearMonth last = month.minusMonths(1);
            boolean keptOpen = last.toString().equals(String.valueOf(rawMonth))
                    && months.findBySponsorshipIdAndMonthStart(s.id(), last.atDay(1))
                    .map(m -> MeetingRules.snoozedPastMonthEnd(last, new MeetingRules.Cycle(m.status(), m.bookedFor(), m.snoozedUntil())))
                    .orElse(false);
            if (!keptOpen) {
                throw new MeetingProblem("That card is for another month",
                        "It's now " + MeetingCards.monthName(month) + ". Type **meeting** to record this month's meeting.");
            }
            return new Target(s, actor, today, last, true);
        }
        return new Target(s, actor, today, month, false);
    }

    String met(Target t, @Nullable Object rawDate, @Nullable Object rawNote) {
        LocalDate on = date(rawDate, "Date we met");
        if (on.isBefore(t.month().atDay(1)) || on.isAfter(t.today()) || on.isAfter(t.month().atEndOfMonth())) {
            throw new MeetingProblem("Please check the date", "“Date we met” must be in " + MeetingCards.monthName(t.month())
                    + " and not later than today.");
        }
        String note = text(rawNote, MAX_NOTE, "Note");
        MeetingMonth cycle = cycle(t);
        if (cycle.status() == MeetingStatus.MET) {
            return "Already recorded: you met on " + MeetingCards.DAY.format(cycle.metOn()) + ".";
        }
        Instant now = clock.instant();
        save(cycle.met(on, note, t.actor().id(), now));
        tellOtherSide(t, "met", nameOf(t.actor()) + " recorded your " + MeetingCards.monthName(t.month())
                + " sponsor meeting (" + MeetingCards.DAY.format(on) + "). Nothing more to do this month.");
        return "Thanks, recorded: you met on " + MeetingCards.DAY.format(on) + ". That's "
                + MeetingCards.monthName(t.month()) + " done for both of you.";
    }

    String booked(Target t, @Nullable Object rawDate) {
        monthNotOver(t);
        LocalDate on = date(rawDate, "Booked for");
        if (on.isBefore(t.today()) || on.isAfter(t.month().atEndOfMonth())) {
            throw new MeetingProblem("Please check the date", "“Booked for” must be between today and the end of "
                    + MeetingCards.monthName(t.month()) + ".");
        }
        MeetingMonth cycle = open(t);
        save(cycle.booked(on, t.actor().id(), clock.instant()));
        return "Great, booked for " + MeetingCards.DAY.format(on) + ". I'll check in the day after.";
    }

    String snooze(Target t) {
        if (!t.actorIsSponsor()) {
            throw new MeetingProblem("Only the sponsor can snooze this", "Snoozing the monthly reminder is for the sponsor."
                    + " You can record the meeting with **met my sponsor today**.");
        }
        monthNotOver(t);
        MeetingMonth cycle = open(t);
        LocalDate until = MeetingRules.snoozeReminderDay(holidays.calendar(), t.today());
        save(cycle.snoozed(until, t.actor().id(), clock.instant()));
        String reply = "Snoozed. I'll remind you again on " + MeetingCards.DAY.format(until) + ".";
        if (!YearMonth.from(until).equals(t.month())) {
            reply += " " + MeetingCards.monthName(t.month()) + " stays open until then, so you can still record a meeting"
                    + " in it, or that there wasn't one.";
        }
        return reply;
    }

    /** A month kept open by a snooze can only be answered now: met in it, or not. */
    private static void monthNotOver(Target t) {
        if (t.late()) {
            throw new MeetingProblem(MeetingCards.monthName(t.month()) + " has ended",
                    "You can still record that you met in " + MeetingCards.monthName(t.month()) + ", or that there was no meeting.");
        }
    }

    String skip(Target t, @Nullable Object rawReason) {
        String reason = text(rawReason, MAX_REASON, "Reason");
        if (reason == null) {
            throw new MeetingProblem("Please give a reason", "“Reason” can't be empty: a few words is enough, such as annual leave.");
        }
        MeetingMonth cycle = open(t);
        save(cycle.skipped(reason, t.actor().id(), clock.instant()));
        tellOtherSide(t, "skipped", nameOf(t.actor()) + " recorded that there is no sponsor meeting in "
                + MeetingCards.monthName(t.month()) + ".");
        return "Recorded: no meeting in " + MeetingCards.monthName(t.month()) + ". I won't remind you again this month.";
    }

    private MeetingMonth open(Target t) {
        MeetingMonth cycle = cycle(t);
        if (cycle.status().closesMonth()) {
            throw new MeetingProblem("This month is already recorded", MeetingCards.monthName(t.month())
                    + " is already recorded as " + cycle.status().name().toLowerCase(java.util.Locale.ROOT)
                    + ". Type **meetings** to see it.");
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

    private void tellOtherSide(Target t, String what, String text) {
        outbox.enqueue(Outbox.Request.toPerson("meeting-recorded:" + t.sponsorship().id() + ":" + t.month() + ":" + what,
                t.otherSide(), Reply.text(text)).inCampaign("nudge:meeting-recorded:" + t.month()));
    }

    /** The actor's name for the other side's message: inert text, not Markdown. */
    static String nameOf(Person p) {
        return PlainText.inline(p.displayName());
    }

    static LocalDate date(@Nullable Object raw, String field) {
        String text = raw == null ? "" : String.valueOf(raw).trim();
        if (text.isEmpty()) {
            throw new MeetingProblem("Please check the date", "“" + field + "” is missing: pick a date.");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new MeetingProblem("Please check the date", "“" + field + "” must be a date, like 2026-12-03.");
        }
    }

    @Nullable
    static String text(@Nullable Object raw, int max, String field) {
        String text = raw == null ? "" : String.valueOf(raw).strip();
        if (text.length() > max) {
            throw new MeetingProblem("That's too long", "“" + field + "” can be at most " + max + " characters.");
        }
        return text.isEmpty() ? null : text;
    }
}
