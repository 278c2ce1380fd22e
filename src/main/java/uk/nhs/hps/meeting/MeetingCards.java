package uk.nhs.hps.meeting;

import jakarta.inject.Singleton;
import uk.nhs.hps.conversation.CardTemplates;
import uk.nhs.hps.conversation.Markdown;
import uk.nhs.hps.conversation.PlainText;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.people.Person;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The meeting cards: the (combined) nudge with its four buttons per participant and the error card, and the notices
 * that tell the other side what was recorded.
 */
@Singleton
class MeetingCards {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.UK);
    static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    /**
     * One participant on a card: who, which sponsorship, what "We've met" should default to, and whether the
     * month is still running ({@code ended} false: it can be booked and, by the sponsor, snoozed) or is a past
     * month kept open by a snooze, which can only be answered: met in it, or not.
     */
    record Pair(long sponsorshipId, String name, String line, LocalDate metDefault, boolean canSnooze, boolean ended) {
    }

    private final CardTemplates templates;
    private final SponsorMeetingPurpose purpose;

    MeetingCards(CardTemplates templates, SponsorMeetingPurpose purpose) {
        this.templates = templates;
        this.purpose = purpose;
    }

    Reply nudge(MeetingRules.Kind kind, YearMonth month, LocalDate date, List<Pair> pairs) {
        String monthName = monthName(month);
        String who = pairs.size() == 1 ? pairs.get(0).name() : "your " + pairs.size() + " participants";
        String title;
        String intro;
        switch (kind) {
            case FIRST -> {
                title = "Your monthly sponsor meeting";
                intro = "Have you arranged this month's meeting with " + who + "?";
            }
            case SECOND -> {
                title = "A reminder about " + monthName + "'s meeting";
                intro = "Nothing is recorded yet for " + monthName + " with " + who + ". Have you met, or booked a date?";
            }
            case SNOOZED -> {
                title = "Your snoozed reminder";
                intro = "You asked me to remind you about " + monthName + "'s meeting with " + who + "."
                        + (pairs.stream().anyMatch(Pair::ended) ? " " + monthName + " has ended: did you meet in it?" : "");
            }
            default -> {
                title = "Did your meeting happen?";
                intro = "A meeting with " + who + " was booked for " + DAY.format(date) + ". Did it go ahead?";
            }
        }
        return card(title, intro, month, pairs, purpose.text());
    }

    Reply card(String title, String intro, YearMonth month, List<Pair> pairs) {
        return card(title, intro, month, pairs, "");
    }

    /** {@code purpose}, when not empty, says what the monthly meeting is for (on the nudges). */
    private Reply card(String title, String intro, YearMonth month, List<Pair> pairs, String purpose) {
        Map<String, Object> data = new HashMap<>();
        data.put("purpose", purpose);
        data.put("title", title);
        data.put("intro", intro);
        data.put("pairs", pairs.stream().map(p -> Map.<String, Object>of(
                "name", p.name(),
                "line", p.line(),
                "sponsorshipId", String.valueOf(p.sponsorshipId()),
                "month", month.toString(),
                "metDefault", p.metDefault().toString(),
                "canSnooze", p.canSnooze() && !p.ended(),
                "canBook", !p.ended(),
                "skipTitle", p.ended() ? "No meeting in " + month.getMonth().getDisplayName(TextStyle.FULL, Locale.UK)
                        : "Not this month")).toList());
        return Reply.card(templates.render("meeting-nudge", data));
    }

    Reply error(String title, String message) {
        // problems are the bot's own wording (they name commands in bold)
        return templates.error(title, Markdown.of(message),
                Markdown.of("Nothing was recorded. Type **meeting** to try again, or **help** to see what I can do."));
    }

    /** To the other side when one side records that they met. */
    Reply metNotice(Person by, YearMonth month, LocalDate on) {
        return Reply.text(nameOf(by) + " recorded your " + monthName(month) + " sponsor meeting (" + DAY.format(on)
                + "). Nothing more to do this month.");
    }

    /** To the other side when one side records that there is no meeting this month. */
    Reply skippedNotice(Person by, YearMonth month) {
        return Reply.text(nameOf(by) + " recorded that there is no sponsor meeting in " + monthName(month) + ".");
    }

    /** The actor's name for the other side's message: inert text, not Markdown. */
    private static String nameOf(Person p) {
        return PlainText.inline(p.displayName());
    }

    static String monthName(YearMonth month) {
        return month.getMonth().getDisplayName(TextStyle.FULL, Locale.UK) + " " + month.getYear();
    }
}
