package uk.nhs.hps.nudge;

import jakarta.inject.Singleton;
import uk.nhs.hps.conversation.CardTemplates;
import uk.nhs.hps.conversation.CommandHandler;
import uk.nhs.hps.conversation.HelpEntry;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.conversation.Turn;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.reflection.ReflectionLog;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The reflective prompt's buttons (write an entry, snooze 1 day / 1 week, pause until a date) and the
 * {@code prompts} command: {@code prompts} (settings), {@code prompts thursday 16:00}, {@code prompts resume}.
 * A participant only ever changes their own prompts. Parses the turn, lets {@link ChangingPrompts} decide, and
 * words the outcome.
 */
@Singleton
class PromptActions implements CommandHandler {

    static final String WRITE = "prompt.write";
    static final String SNOOZE = "prompt.snooze";
    static final String PAUSE = "prompt.pause";

    private static final String CARD_TITLE = "Reflective prompts";

    private final ChangingPrompts prompts;
    private final ReflectionLog log;
    private final CardTemplates templates;

    PromptActions(ChangingPrompts prompts, ReflectionLog log, CardTemplates templates) {
        this.prompts = prompts;
        this.log = log;
        this.templates = templates;
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
        if (turn.kind() == Turn.Kind.CARD_ACTION) {
            if (turn.action().orElse("").equals(WRITE)) {
                // on Action.Execute the prompt is replaced by the entry form, which is replaced by its outcome in turn
                return List.of(log.newEntryCard(p.id(), turn.cardText("keyExperience").orElse(null)));
            }
            Optional<ChangingPrompts.Outcome> outcome = turn.action().orElse("").equals(SNOOZE)
                    ? Optional.of(prompts.snooze(new ChangingPrompts.SnoozePrompt(p.id(), turn.cardId("days").orElse(0L))))
                    : pauseDate(turn).map(day -> prompts.pause(new ChangingPrompts.PausePrompts(p, day)));
            String said = outcome.map(PromptActions::reply).orElse(NOT_A_DATE);
            if (!turn.updatesCard()) {
                return List.of(Reply.text(said));
            }
            boolean refused = outcome.isEmpty() || outcome.get() instanceof ChangingPrompts.Refused;
            // a refusal leaves the prompt (and the date typed) in place; anything done replaces it, so it is pressed once
            return List.of(refused ? templates.error("Nothing was changed",
                    said.replace(" Nothing was changed.", ""), null) : templates.outcome(CARD_TITLE, said));
        }
        String[] words = turn.text().toLowerCase(Locale.ROOT).trim().split("\\s+");
        if (words.length == 2 && words[1].equals("resume")) {
            return List.of(Reply.text(reply(prompts.resume(p.id()))));
        }
        if (words.length == 3) {
            return List.of(Reply.text(move(p, words[1], words[2])));
        }
        ChangingPrompts.Schedule now = prompts.current(p.id());
        String paused = now.pausedUntil() == null ? "" : " Paused until " + now.pausedUntil() + ".";
        return List.of(Reply.text(describe(now) + paused
                + " To change it, type for example **prompts thursday 16:00**; **prompts resume** ends a pause."));
    }

    private static final String NOT_A_DATE = "Sorry, “Pause prompts until” must be a date, like 2027-01-10. Nothing was changed.";

    private static Optional<LocalDate> pauseDate(Turn turn) {
        try {
            return turn.cardText("until").map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private String move(Person p, String day, String time) {
        DayOfWeek weekday;
        LocalTime at;
        try {
            weekday = DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT));
            at = LocalTime.parse(time.length() == 4 ? "0" + time : time);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return "Sorry, I need a weekday and a time, like **prompts thursday 16:00**. Nothing was changed.";
        }
        return reply(prompts.move(new ChangingPrompts.MovePrompts(p.id(), weekday, at)));
    }

    private static String reply(ChangingPrompts.Outcome outcome) {
        if (outcome instanceof ChangingPrompts.Snoozed s) {
            return s.days() == 1 ? "Snoozed: I'll remind you tomorrow." : "Snoozed: I'll remind you in a week.";
        }
        if (outcome instanceof ChangingPrompts.Paused p) {
            return "Prompts paused until " + p.until() + ". Type **prompts resume** to restart them sooner.";
        }
        if (outcome instanceof ChangingPrompts.Resumed r) {
            return "Prompts resumed. " + describe(r.schedule());
        }
        if (outcome instanceof ChangingPrompts.Moved m) {
            return "Done. " + describe(m.schedule());
        }
        return switch (((ChangingPrompts.Refused) outcome).reason()) {
            case SNOOZE_NOT_A_DAY_OR_A_WEEK -> "Sorry, that button didn't work: a snooze is for 1 day or 1 week.";
            case PAUSE_NOT_AFTER_TODAY_WITHIN_A_YEAR ->
                    "Sorry, “Pause prompts until” must be after today and within a year. Nothing was changed.";
            case OUTSIDE_WORKING_HOURS -> "Sorry, prompts come on working days between 08:00 and 18:00. Nothing was changed.";
        };
    }

    private static String describe(ChangingPrompts.Schedule s) {
        return "Your reflective prompts come on " + s.weekday().getDisplayName(TextStyle.FULL, Locale.UK)
                + "s at " + s.at() + " (your cohort sets how often).";
    }
}
