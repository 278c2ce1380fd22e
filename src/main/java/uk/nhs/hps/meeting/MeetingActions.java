package uk.nhs.hps.meeting;

import jakarta.inject.Singleton;
import uk.nhs.hps.calendar.WorkingCalendar;
import uk.nhs.hps.conversation.CommandHandler;
import uk.nhs.hps.conversation.HelpEntry;
import uk.nhs.hps.conversation.PlainText;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.conversation.Turn;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The meeting buttons (met, booked, snooze, not this month) and the commands {@code meeting} (the card to
 * record this month's meeting), {@code meetings} (history and this month's status) and
 * {@code met my sponsor [today|yesterday|2026-12-03]}.
 */
@Singleton
class MeetingActions implements CommandHandler {

    static final String MET = "meeting.met";
    static final String BOOKED = "meeting.booked";
    static final String SNOOZE = "meeting.snooze";
    static final String SKIP = "meeting.skip";
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");

    private final RecordingMeetings recording;
    private final MeetingCards cards;
    private final SponsorshipRepository sponsorships;
    private final PersonRepository people;
    private final MeetingMonthRepository months;
    private final Clock clock;

    MeetingActions(RecordingMeetings recording, MeetingCards cards, SponsorshipRepository sponsorships,
                   PersonRepository people, MeetingMonthRepository months, Clock clock) {
        this.recording = recording;
        this.cards = cards;
        this.sponsorships = sponsorships;
        this.people = people;
        this.months = months;
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
        try {
            if (turn.kind() == Turn.Kind.CARD_ACTION) {
                return List.of(Reply.text(button(actor, turn.action().orElse(""), turn.cardData())));
            }
            String text = turn.text().toLowerCase(Locale.ROOT).trim();
            if (text.startsWith("met my sponsor")) {
                return List.of(Reply.text(metMySponsor(actor, text)));
            }
            if (text.startsWith("meetings")) {
                return List.of(Reply.text(history(actor)));
            }
            return List.of(thisMonthCard(actor));
        } catch (MeetingProblem problem) {
            return List.of(cards.error(problem.title(), problem.getMessage()));
        }
    }

    private String button(Person actor, String action, Map<String, Object> data) {
        Object id = data.get("sponsorshipId");
        RecordingMeetings.Target target = recording.target(actor.id(), id, data.get("month"));
        return switch (action) {
            case MET -> recording.met(target, input(data, "metOn", id), input(data, "note", id));
            case BOOKED -> recording.booked(target, input(data, "bookedFor", id));
            case SNOOZE -> recording.snooze(target);
            default -> recording.skip(target, input(data, "reason", id));
        };
    }

    /** Inputs are named per participant on combined cards ({@code metOn-42}); a plain name is accepted too. */
    private static Object input(Map<String, Object> data, String name, Object sponsorshipId) {
        Object specific = data.get(name + "-" + sponsorshipId);
        return specific != null ? specific : data.get(name);
    }

    private String metMySponsor(Person actor, String text) {
        List<Sponsorship> mine = sponsorships.findByParticipantIdOrderByStartsOn(actor.id()).stream()
                .filter(Sponsorship::isCurrent).toList();
        if (mine.isEmpty()) {
            return "You don't have a sponsor on the roster yet, so there's no meeting to record. The programme team can add one.";
        }
        LocalDate today = clock.instant().atZone(WorkingCalendar.zone(actor.timeZone())).toLocalDate();
        Object date = today;
        Matcher iso = ISO_DATE.matcher(text);
        if (iso.find()) {
            date = iso.group(1);
        } else if (text.contains("yesterday")) {
            date = today.minusDays(1);
        }
        RecordingMeetings.Target target = recording.target(actor.id(), mine.get(mine.size() - 1).id(), null);
        return recording.met(target, date, null);
    }

    private Reply thisMonthCard(Person actor) {
        ZoneId zone = WorkingCalendar.zone(actor.timeZone());
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        YearMonth month = YearMonth.from(today);
        List<MeetingCards.Pair> pairs = new ArrayList<>();
        for (Sponsorship s : sponsorships.findByParticipantIdOrderByStartsOn(actor.id())) {
            if (s.isCurrent()) {
                pairs.add(new MeetingCards.Pair(s.id(), "With your sponsor " + name(s.sponsorId()),
                        status(s.id(), month, actor.id()), today, false, false));
            }
        }
        for (Sponsorship s : sponsorships.findBySponsorIdAndEndsOnIsNull(actor.id())) {
            pairs.add(new MeetingCards.Pair(s.id(), name(s.participantId()), status(s.id(), month, actor.id()), today, true, false));
        }
        if (pairs.isEmpty()) {
            return Reply.text("You have no current sponsor or participant on the roster, so there's no meeting to record.");
        }
        return cards.card("This month's sponsor meeting", "Record " + MeetingCards.monthName(month) + "'s meeting:", month, pairs);
    }

    private String history(Person actor) {
        ZoneId zone = WorkingCalendar.zone(actor.timeZone());
        YearMonth month = YearMonth.from(clock.instant().atZone(zone));
        StringBuilder out = new StringBuilder("**Sponsor meetings**\n\n**This month (" + MeetingCards.monthName(month) + ")**\n\n");
        boolean any = false;
        for (Sponsorship s : sponsorships.findByParticipantIdOrderByStartsOn(actor.id())) {
            if (s.isCurrent()) {
                out.append("- with ").append(name(s.sponsorId())).append(": ").append(status(s.id(), month, actor.id())).append('\n');
                any = true;
            }
        }
        for (Sponsorship s : sponsorships.findBySponsorIdAndEndsOnIsNull(actor.id())) {
            out.append("- with ").append(name(s.participantId())).append(": ").append(status(s.id(), month, actor.id())).append('\n');
            any = true;
        }
        if (!any) {
            out.append("- no current sponsor or participant\n");
        }
        List<MeetingMonth> earlier = new ArrayList<>(months.findByParticipantIdOrderByMonthStartDesc(actor.id()));
        earlier.addAll(months.findBySponsorIdOrderByMonthStartDesc(actor.id()));
        earlier.removeIf(m -> !m.monthStart().isBefore(month.atDay(1)));
        earlier.sort((a, b) -> b.monthStart().compareTo(a.monthStart()));
        if (!earlier.isEmpty()) {
            out.append("\n**Earlier**\n\n");
            earlier.stream().limit(24).forEach(m -> out.append("- ").append(MeetingCards.monthName(YearMonth.from(m.monthStart())))
                    .append(" with ").append(name(m.participantId().equals(actor.id()) ? m.sponsorId() : m.participantId()))
                    .append(": ").append(describe(m, actor.id())).append('\n'));
        }
        return out.toString();
    }

    private String status(long sponsorshipId, YearMonth month, long viewer) {
        return months.findBySponsorshipIdAndMonthStart(sponsorshipId, month.atDay(1))
                .map(m -> describe(m, viewer)).orElse("not recorded yet");
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
    private String name(long personId) {
        return people.findById(personId).map(p -> PlainText.inline(p.displayName())).orElse("someone");
    }
}
