package uk.nhs.hps.nudge;

import jakarta.inject.Singleton;
import uk.nhs.hps.calendar.WorkingCalendar;
import uk.nhs.hps.conversation.CommandHandler;
import uk.nhs.hps.conversation.HelpEntry;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.conversation.Turn;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.reflection.ReflectionLog;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The reflective prompt's buttons (write an entry, snooze 1 day / 1 week, pause until a date) and the
 * {@code prompts} command: {@code prompts} (settings), {@code prompts thursday 16:00}, {@code prompts resume}.
 * A participant only ever changes their own prompts.
 */
@Singleton
class PromptActions implements CommandHandler {

    static final String WRITE = "prompt.write";
    static final String SNOOZE = "prompt.snooze";
    static final String PAUSE = "prompt.pause";

    private final PromptStateRepository states;
    private final ReflectionLog log;
    private final Clock clock;

    PromptActions(PromptStateRepository states, ReflectionLog log, Clock clock) {
        this.states = states;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public Set<String> commands() {
        return Set.of("prompts");
    }

    @Override
    public Set<String> cardActions() {
        return Set.of(WRITE, SNOOZE, PAUSE);
    }

    @Override
    public List<HelpEntry> help() {
        return List.of(new HelpEntry("prompts", "Your reflective-log prompts: when they come, change the day and time"
                + " (prompts thursday 16:00), or resume them.", Set.of(Role.PARTICIPANT)));
    }

    @Override
    public List<Reply> handle(Turn turn) {
        Person p = turn.person().filter(x -> x.role() == Role.PARTICIPANT).orElse(null);
        if (p == null) {
            return List.of(Reply.text("Reflective prompts are for participants on the scheme."));
        }
        Instant now = clock.instant();
        PromptState state = states.findById(p.id()).orElse(PromptState.defaults(p.id(), now));
        if (turn.kind() == Turn.Kind.CARD_ACTION) {
            return switch (turn.action().orElse("")) {
                case WRITE -> List.of(log.newEntryCard(p.id()));
                case SNOOZE -> snooze(state, String.valueOf(turn.cardData().get("days")), now);
                default -> pause(p, state, turn.cardData().get("until"), now);
            };
        }
        String[] words = turn.text().toLowerCase(Locale.ROOT).trim().split("\\s+");
        if (words.length == 2 && words[1].equals("resume")) {
            save(state.pausedUntil(null, now));
            return List.of(Reply.text("Prompts resumed. " + describe(state)));
        }
        if (words.length == 3) {
            return List.of(Reply.text(reschedule(state, words[1], words[2], now)));
        }
        String paused = state.pausedUntil() == null ? "" : " Paused until " + state.pausedUntil() + ".";
        return List.of(Reply.text(describe(state) + paused
                + " To change it, type for example **prompts thursday 16:00**; **prompts resume** ends a pause."));
    }

    private List<Reply> snooze(PromptState state, String days, Instant now) {
        if (!days.equals("1") && !days.equals("7")) {
            return List.of(Reply.text("Sorry, that button didn't work: a snooze is for 1 day or 1 week."));
        }
        save(state.snoozedUntil(now.plus(Duration.ofDays(Long.parseLong(days))), now));
        return List.of(Reply.text(days.equals("1") ? "Snoozed: I'll remind you tomorrow." : "Snoozed: I'll remind you in a week."));
    }

    private List<Reply> pause(Person p, PromptState state, Object rawUntil, Instant now) {
        LocalDate today = now.atZone(WorkingCalendar.zone(p.timeZone())).toLocalDate();
        LocalDate until;
        try {
            until = LocalDate.parse(String.valueOf(rawUntil).trim());
        } catch (DateTimeParseException e) {
            return List.of(Reply.text("Sorry, “Pause prompts until” must be a date, like 2027-01-10. Nothing was changed."));
        }
        if (!until.isAfter(today) || until.isAfter(today.plusYears(1))) {
            return List.of(Reply.text("Sorry, “Pause prompts until” must be after today and within a year. Nothing was changed."));
        }
        save(state.pausedUntil(until, now));
        return List.of(Reply.text("Prompts paused until " + until + ". Type **prompts resume** to restart them sooner."));
    }

    private String reschedule(PromptState state, String day, String time, Instant now) {
        DayOfWeek weekday;
        LocalTime at;
        try {
            weekday = DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT));
            at = LocalTime.parse(time.length() == 4 ? "0" + time : time);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return "Sorry, I need a weekday and a time, like **prompts thursday 16:00**. Nothing was changed.";
        }
        if (weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY || at.isBefore(LocalTime.of(8, 0))
                || !at.isBefore(LocalTime.of(18, 0))) {
            return "Sorry, prompts come on working days between 08:00 and 18:00. Nothing was changed.";
        }
        PromptState changed = state.at((short) weekday.getValue(), at.getHour() * 60 + at.getMinute(), now);
        save(changed);
        return "Done. " + describe(changed);
    }

    private void save(PromptState state) {
        if (states.existsById(state.personId())) {
            states.update(state);
        } else {
            states.save(state);
        }
    }

    private static String describe(PromptState s) {
        return "Your reflective prompts come on " + DayOfWeek.of(s.weekday()).getDisplayName(TextStyle.FULL, Locale.UK)
                + "s at " + LocalTime.of(s.minuteOfDay() / 60, s.minuteOfDay() % 60) + " (your cohort sets how often).";
    }
}
