package uk.nhs.hps.meeting;

import jakarta.inject.Singleton;
import uk.nhs.hps.calendar.WorkingCalendar;
import uk.nhs.hps.conversation.CommandHandler;
import uk.nhs.hps.conversation.HelpEntry;
import uk.nhs.hps.conversation.PlainText;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.conversation.Turn;
import uk.nhs.hps.meeting.RecordingMeetings.About;
import uk.nhs.hps.meeting.RecordingMeetings.DateEntry;
import uk.nhs.hps.meeting.RecordingMeetings.Outcome;
import uk.nhs.hps.meeting.RecordingMeetings.Refused;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.Role;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The meeting buttons (met, booked, snooze, not this month) and the commands {@code meeting} (the card to
 * record this month's meeting), {@code meetings} (history and this month's status) and
 * {@code met my sponsor [today|yesterday|2026-12-03]}. Reads the turn into a command for
 * {@link RecordingMeetings} or a view from {@link ShowingMeetings}, and words what comes back.
 */
@Singleton
class MeetingActions implements CommandHandler {

    static final String MET = "meeting.met";
    static final String BOOKED = "meeting.booked";
    static final String SNOOZE = "meeting.snooze";
    static final String SKIP = "meeting.skip";
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");
    private static final String BAD_BUTTON = "Sorry, that button didn't work";
    private static final String CHECK_DATE = "Please check the date";

    private final RecordingMeetings recording;
    private final ShowingMeetings showing;
    private final MeetingCards cards;
    private final Clock clock;

    MeetingActions(RecordingMeetings recording, ShowingMeetings showing, MeetingCards cards, Clock clock) {
        this.recording = recording;
        this.showing = showing;
        this.cards = cards;
        this.clock = clock;
    }

    @Override
    public Set<String> commands() {
        return Set.of("meeting", "meetings", "met my sponsor");
    }

    @Override
    public Set<String> cardActions() {
        return Set.of(MET, BOOKED, SNOOZE, SKIP);
    }

    @Override
    public List<HelpEntry> help() {
        Set<Role> both = Set.of(Role.PARTICIPANT, Role.SPONSOR);
        return List.of(
                new HelpEntry("meeting", "Record this month's sponsor meeting: met, booked, or not this month.", both),
                new HelpEntry("meetings", "Your sponsor meetings so far and this month's status.", both),
                new HelpEntry("met my sponsor today", "Record that you met your sponsor (or say yesterday, or a date).",
                        Set.of(Role.PARTICIPANT)));
    }

    @Override
    public List<Reply> handle(Turn turn) {
        if (turn.person().isEmpty()) {
            return List.of(Reply.text("Sponsor meetings are for people on the scheme's roster. If that should be you,"
                    + " please contact the programme team."));
        }
        Person actor = turn.person().get();
        if (turn.kind() == Turn.Kind.CARD_ACTION) {
            Outcome outcome = button(actor, turn);
            if (turn.updatesCard() && !(outcome instanceof Refused)) {
                // the card pressed is replaced: what was recorded in place of its buttons, the others still live
                return List.of(answeredCard(actor, outcome, turn.cardText("month")));
            }
            return List.of(reply(outcome));
        }
        String text = turn.text().toLowerCase(Locale.ROOT).trim();
        if (text.startsWith("met my sponsor")) {
            return List.of(reply(recording.metMySponsor(new RecordingMeetings.RecordMeetingWithMySponsor(actor.id(), spokenDate(actor, text)))));
        }
        if (text.startsWith("meetings")) {
            return List.of(Reply.text(history(actor)));
        }
        return List.of(thisMonthCard(actor));
    }

    private Outcome button(Person actor, Turn turn) {
        Optional<Long> id = turn.cardId("sponsorshipId");
        Optional<String> monthText = turn.cardText("month");
        YearMonth month = null;
        if (monthText.isPresent()) {
            try {
                month = YearMonth.parse(monthText.get());
            } catch (DateTimeParseException e) {
                // a card always names its month as 2026-12: anything else is not one of ours
                return Refused.of(RecordingMeetings.Problem.UNKNOWN_MEETING);
            }
        }
        About about = new About(actor.id(), id.orElse(null), month);
        return switch (turn.action().orElse("")) {
            case MET -> recording.met(new RecordingMeetings.RecordMeeting(about,
                    DateEntry.of(input(turn, "metOn", id)), input(turn, "note", id).orElse(null)));
            case BOOKED -> recording.book(new RecordingMeetings.BookMeeting(about, DateEntry.of(input(turn, "bookedFor", id))));
            case SNOOZE -> recording.snooze(new RecordingMeetings.SnoozeMeeting(about));
            default -> recording.skip(new RecordingMeetings.SkipMonth(about, input(turn, "reason", id).orElse(null)));
        };
    }

    /** Inputs are named per participant on combined cards ({@code metOn-42}); a plain name is accepted too. */
    private static Optional<String> input(Turn turn, String name, Optional<Long> sponsorshipId) {
        String specific = name + "-" + sponsorshipId.map(String::valueOf).orElse("");
        return turn.cardData().get(specific) != null ? turn.cardText(specific) : turn.cardText(name);
    }

    /** "met my sponsor" means today, unless the person says yesterday or gives a date. */
    private DateEntry spokenDate(Person actor, String text) {
        LocalDate today = clock.instant().atZone(WorkingCalendar.zone(actor.timeZone())).toLocalDate();
        Matcher iso = ISO_DATE.matcher(text);
        if (iso.find()) {
            return DateEntry.of(Optional.of(iso.group(1)));
        }
        return new RecordingMeetings.On(text.contains("yesterday") ? today.minusDays(1) : today);
    }

    private Reply reply(Outcome outcome) {
        return outcome instanceof Refused r ? refusal(r) : Reply.text(said(outcome));
    }

    /**
     * The card again for the month it was about, headed by what was just recorded: pairings whose month is
     * answered show it instead of buttons; the rest keep theirs, so one sponsor's combined card stays usable.
     */
    private Reply answeredCard(Person actor, Outcome outcome, Optional<String> monthText) {
        ShowingMeetings.ThisMonth view = showing.month(actor, monthText.map(YearMonth::parse).orElse(null));
        YearMonth month = view.month();
        boolean ended = month.isBefore(YearMonth.from(view.today()));
        List<MeetingCards.Pair> pairs = new ArrayList<>();
        for (ShowingMeetings.Current c : view.pairings()) {
            String name = rowName(c);
            MeetingMonth recorded = c.thisMonth();
            boolean open = recorded == null ? !ended : recorded.status() == MeetingStatus.OPEN
                    && (!ended || recorded.snoozedUntil() != null);
            if (open) {
                // a snooze is worth a line; an untouched month needs none beside its buttons
                String line = recorded == null || recorded.snoozedUntil() == null ? "" : describe(recorded, actor.id());
                pairs.add(new MeetingCards.Pair(c.sponsorshipId(), name, line,
                        ended ? month.atEndOfMonth() : view.today(), c.viewerIsSponsor(), ended));
            } else {
                pairs.add(MeetingCards.Pair.answered(c.sponsorshipId(), name,
                        recorded == null ? "not recorded" : capitalised(describe(recorded, actor.id()))));
            }
        }
        return cards.card("Sponsor meeting: " + MeetingCards.monthName(month), said(outcome), month, pairs);
    }

    /** How a pairing is headed on the card: the participant by name for their sponsor, "With your sponsor …" otherwise. */
    private static String rowName(ShowingMeetings.Current c) {
        return c.viewerIsSponsor() ? name(c.otherName()) : "With your sponsor " + name(c.otherName());
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private String said(Outcome outcome) {
        if (outcome instanceof RecordingMeetings.Met m) {
            return "Thanks, recorded: you met on " + MeetingCards.DAY.format(m.on()) + ". That's "
                    + MeetingCards.monthName(m.month()) + " done for both of you.";
        }
        if (outcome instanceof RecordingMeetings.AlreadyMet m) {
            return "Already recorded: you met on " + MeetingCards.DAY.format(m.on()) + ".";
        }
        if (outcome instanceof RecordingMeetings.Booked b) {
            return "Great, booked for " + MeetingCards.DAY.format(b.on()) + ". I'll check in the day after.";
        }
        if (outcome instanceof RecordingMeetings.Snoozed s) {
            String reply = "Snoozed. I'll remind you again on " + MeetingCards.DAY.format(s.until()) + ".";
            if (!YearMonth.from(s.until()).equals(s.month())) {
                reply += " " + MeetingCards.monthName(s.month()) + " stays open until then, so you can still record a meeting"
                        + " in it, or that there wasn't one.";
            }
            return reply;
        }
        if (outcome instanceof RecordingMeetings.Skipped s) {
            return "Recorded: no meeting in " + MeetingCards.monthName(s.month()) + ". I won't remind you again this month.";
        }
        if (outcome instanceof RecordingMeetings.NoCurrentSponsor) {
            return "You don't have a sponsor on the roster yet, so there's no meeting to record. The programme team can add one.";
        }
        throw new IllegalArgumentException("A refusal is worded by refusal(): " + outcome);
    }

    /** Nothing was recorded: an error card naming the problem. */
    private Reply refusal(Refused r) {
        String month = r.month() == null ? "" : MeetingCards.monthName(r.month());
        String field = r.field() == null ? "" : switch (r.field()) {
            case MET_ON -> "Date we met";
            case BOOKED_FOR -> "Booked for";
            case NOTE -> "Note";
            case REASON -> "Reason";
        };
        return switch (r.problem()) {
            case UNKNOWN_MEETING -> cards.error(BAD_BUTTON, "I couldn't tell which meeting that was about.");
            case NOT_ON_ROSTER -> cards.error(BAD_BUTTON, "You're not on the roster.");
            case NOT_YOURS -> cards.error("Sorry, that isn't yours to record",
                    "That meeting is not between you and your current sponsor or participant.");
            case OTHER_MONTH -> cards.error("That card is for another month",
                    "It's now " + month + ". Type **meeting** to record this month's meeting.");
            case DATE_MISSING -> cards.error(CHECK_DATE, "“" + field + "” is missing: pick a date.");
            case NOT_A_DATE -> cards.error(CHECK_DATE, "“" + field + "” must be a date, like 2026-12-03.");
            case MET_OUTSIDE_MONTH -> cards.error(CHECK_DATE, "“Date we met” must be in " + month + " and not later than today.");
            case BOOKED_OUTSIDE_MONTH -> cards.error(CHECK_DATE, "“Booked for” must be between today and the end of " + month + ".");
            case TOO_LONG -> cards.error("That's too long", "“" + field + "” can be at most "
                    + (r.field() == RecordingMeetings.Field.NOTE ? RecordingMeetings.MAX_NOTE : RecordingMeetings.MAX_REASON)
                    + " characters.");
            case ONLY_SPONSOR_SNOOZES -> cards.error("Only the sponsor can snooze this", "Snoozing the monthly reminder is for"
                    + " the sponsor. You can record the meeting with **met my sponsor today**.");
            case MONTH_ENDED -> cards.error(month + " has ended",
                    "You can still record that you met in " + month + ", or that there was no meeting.");
            case REASON_MISSING -> cards.error("Please give a reason",
                    "“Reason” can't be empty: a few words is enough, such as annual leave.");
            case ALREADY_RECORDED -> cards.error("This month is already recorded", month + " is already recorded as "
                    + r.recordedAs().name().toLowerCase(Locale.ROOT) + ". Type **meetings** to see it.");
        };
    }

    private Reply thisMonthCard(Person actor) {
        ShowingMeetings.ThisMonth view = showing.thisMonth(actor);
        List<MeetingCards.Pair> pairs = new ArrayList<>();
        for (ShowingMeetings.Current c : view.pairings()) {
            pairs.add(new MeetingCards.Pair(c.sponsorshipId(), rowName(c), status(c.thisMonth(), actor.id()), view.today(),
                    c.viewerIsSponsor(), false));
        }
        if (pairs.isEmpty()) {
            return Reply.text("You have no current sponsor or participant on the roster, so there's no meeting to record.");
        }
        return cards.card("This month's sponsor meeting", "Record " + MeetingCards.monthName(view.month()) + "'s meeting:",
                view.month(), pairs);
    }

    private String history(Person actor) {
        ShowingMeetings.History view = showing.history(actor);
        StringBuilder out = new StringBuilder("**Sponsor meetings**\n\n**This month (" + MeetingCards.monthName(view.month()) + ")**\n\n");
        for (ShowingMeetings.Current c : view.pairings()) {
            out.append("- with ").append(name(c.otherName())).append(": ").append(status(c.thisMonth(), actor.id())).append('\n');
        }
        if (view.pairings().isEmpty()) {
            out.append("- no current sponsor or participant\n");
        }
        if (!view.earlier().isEmpty()) {
            out.append("\n**Earlier**\n\n");
            view.earlier().forEach(e -> out.append("- ").append(MeetingCards.monthName(YearMonth.from(e.month().monthStart())))
                    .append(" with ").append(name(e.otherName())).append(": ").append(describe(e.month(), actor.id())).append('\n'));
        }
        return out.toString();
    }

    private static String status(MeetingMonth recorded, long viewer) {
        return recorded == null ? "not recorded yet" : describe(recorded, viewer);
    }

    /** A month in words; a private note is shown only to the person who wrote it. */
    static String describe(MeetingMonth m, long viewer) {
        String note = m.note() != null && m.recordedBy() != null && m.recordedBy() == viewer
                ? " (your note: " + PlainText.inline(m.note()) + ")" : "";
        return switch (m.status()) {
            case MET -> "met on " + MeetingCards.SHORT_DAY.format(m.metOn()) + note;
            case BOOKED -> "booked for " + MeetingCards.SHORT_DAY.format(m.bookedFor());
            // the reason may have been typed by the other person: never a link in this person's chat
            case SKIPPED -> "no meeting (" + (m.reason() == null ? "reason not given" : PlainText.inline(m.reason())) + ")";
            case MISSED -> "missed";
            case OPEN -> m.snoozedUntil() == null ? "not recorded yet"
                    : "not recorded yet (reminder snoozed until " + MeetingCards.SHORT_DAY.format(m.snoozedUntil()) + ")";
        };
    }

    /** Another person's name as inert text: it goes into this reply's Markdown. */
    private static String name(String displayName) {
        return displayName == null ? "someone" : PlainText.inline(displayName);
    }
}
