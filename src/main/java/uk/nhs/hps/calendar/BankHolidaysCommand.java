package uk.nhs.hps.calendar;

import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.conversation.CommandHandler;
import uk.nhs.hps.conversation.HelpEntry;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.conversation.Turn;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.Role;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code bank holidays} for the programme team: the next 12 months with their edits marked;
 * {@code bank holidays add 2027-05-03 Extra day}; {@code bank holidays remove 2027-05-03}.
 */
@Singleton
class BankHolidaysCommand implements CommandHandler {

    static final String COMMAND = "bank holidays";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.UK);
    private static final String USAGE = "Type **bank holidays add 2027-05-03 Extra day** to add one, or"
            + " **bank holidays remove 2027-05-03** to take one out.";

    private final BankHolidays holidays;
    private final Access access;
    private final Clock clock;

    BankHolidaysCommand(BankHolidays holidays, Access access, Clock clock) {
        this.holidays = holidays;
        this.access = access;
        this.clock = clock;
    }

    @Override
    public Set<String> commands() {
        return Set.of(COMMAND);
    }

    @Override
    public List<HelpEntry> help() {
        return List.of(new HelpEntry(COMMAND, "The England and Wales bank holidays nudges skip, for the next 12 months;"
                + " bank holidays add 2027-05-03 Extra day, or bank holidays remove 2027-05-03.", Set.of(Role.PROGRAMME_TEAM)));
    }

    @Override
    public List<Reply> handle(Turn turn) {
        Optional<Long> actor = turn.person().map(Person::id);
        if (actor.isEmpty() || !access.may(actor.get(), Action.MANAGE_CALENDAR, null)) {
            return List.of(Reply.text("Only the programme team can see and change the bank holidays."));
        }
        String rest = turn.text().strip().substring(Math.min(COMMAND.length(), turn.text().strip().length())).strip();
        String[] words = rest.split("\\s+", 3);
        String verb = words[0].toLowerCase(Locale.ROOT);
        try {
            return switch (verb) {
                case "" -> List.of(Reply.text(listing()));
                case "add" -> List.of(Reply.text(add(words, AuditLog.person(actor.get()))));
                case "remove" -> List.of(Reply.text(remove(words, AuditLog.person(actor.get()))));
                default -> List.of(Reply.text("I didn't understand “" + rest + "”. " + USAGE));
            };
        } catch (InvalidRequest e) {
            return List.of(Reply.text("Sorry: " + e.getMessage() + " Nothing was changed."));
        }
    }

    private String add(String[] words, String actor) {
        if (words.length < 2) {
            throw new InvalidRequest("Say which day, for example **bank holidays add 2027-05-03 Extra day**.");
        }
        LocalDate day = BankHolidays.parseDay(words[1]);
        holidays.add(day, words.length > 2 ? words[2] : null, actor);
        String name = holidays.all().get(day);
        return "Added: " + DAY.format(day) + ", " + name + ". Nudges due that day move to the next working day.";
    }

    private String remove(String[] words, String actor) {
        if (words.length < 2) {
            throw new InvalidRequest("Say which day, for example **bank holidays remove 2027-05-03**.");
        }
        LocalDate day = BankHolidays.parseDay(words[1]);
        if (!holidays.remove(day, actor)) {
            return DAY.format(day) + " is not a bank holiday, so nothing was changed.";
        }
        return "Removed: " + DAY.format(day) + " is a working day again for nudges.";
    }

    private String listing() {
        LocalDate today = LocalDate.now(clock.withZone(WorkingCalendar.DEFAULT_ZONE));
        List<BankHolidays.Entry> entries = holidays.between(today, today.plusMonths(12));
        StringBuilder text = new StringBuilder("**England and Wales bank holidays, next 12 months** (nudges skip these days):\n\n");
        if (entries.isEmpty()) {
            text.append("None.\n");
        }
        for (BankHolidays.Entry e : entries) {
            text.append("- ");
            if (e.origin() == BankHolidays.Origin.REMOVED) {
                text.append("~~").append(DAY.format(e.date())).append(", ").append(e.name()).append("~~ (removed by the programme team)");
            } else {
                text.append(DAY.format(e.date())).append(", ").append(e.name());
                if (e.origin() == BankHolidays.Origin.ADDED) {
                    text.append(" (added by the programme team)");
                }
            }
            text.append('\n');
        }
        return text.append('\n').append(USAGE).toString();
    }
}
