package uk.nhs.hps.cohort;

import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.access.Conflict;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.conversation.CommandHandler;
import uk.nhs.hps.conversation.HelpEntry;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.conversation.Turn;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.Role;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code new cohort <name> <start> <end>} and {@code cohorts} for the programme team: the same cohorts the admin
 * API creates, so a new team can start in the chat.
 */
@Singleton
public class CohortCommands implements CommandHandler {

    static final String NEW = "new cohort";
    static final String LIST = "cohorts";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.UK);
    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("d/M/uuuu", Locale.UK)
            .withResolverStyle(ResolverStyle.STRICT);
    public static final String USAGE = "Type **new cohort** then the name, the start date and the end date, for example"
            + " **new cohort Cohort 2027 2027-09-01 2029-08-31** (dates as 2027-09-01 or 1/9/2027).";

    private final ManagingCohorts cohorts;
    private final Access access;

    CohortCommands(ManagingCohorts cohorts, Access access) {
        this.cohorts = cohorts;
        this.access = access;
    }

    @Override
    public Set<String> commands() {
        return Set.of(NEW, LIST);
    }

    @Override
    public List<HelpEntry> help() {
        return List.of(
                new HelpEntry(NEW, "Create a cohort: new cohort Cohort 2027 2027-09-01 2029-08-31.", Set.of(Role.PROGRAMME_TEAM)),
                new HelpEntry(LIST, "The cohorts, with their dates.", Set.of(Role.PROGRAMME_TEAM)));
    }

    @Override
    public List<Reply> handle(Turn turn) {
        Optional<Long> actor = turn.person().map(Person::id);
        if (actor.isEmpty() || !access.may(actor.get(), Action.MANAGE_ROSTER, null)) {
            return List.of(Reply.text("Only the programme team can see and create cohorts."));
        }
        String text = turn.text().strip().replaceAll("\\s+", " ");
        if (text.toLowerCase(Locale.ROOT).startsWith(NEW)) {
            return List.of(Reply.text(create(text.substring(NEW.length()).strip())));
        }
        return List.of(Reply.text(listing()));
    }

    private String create(String rest) {
        String[] words = rest.isEmpty() ? new String[0] : rest.split(" ");
        if (words.length < 3) {
            return USAGE;
        }
        Optional<LocalDate> start = date(words[words.length - 2]);
        Optional<LocalDate> end = date(words[words.length - 1]);
        if (start.isEmpty() || end.isEmpty()) {
            return "I couldn't read the dates at the end: “" + words[words.length - 2] + " " + words[words.length - 1]
                    + "”. Nothing was created. " + USAGE;
        }
        String name = String.join(" ", List.of(words).subList(0, words.length - 2));
        try {
            Cohort cohort = cohorts.create(new ManagingCohorts.CohortDetails(name, start.get(), end.get(), null, null));
            return "Created **" + cohort.name() + "** (cohort " + cohort.id() + "), " + SHOWN.format(cohort.startsOn())
                    + " to " + SHOWN.format(cohort.endsOn()) + ", times in " + cohort.timeZone() + ", a reflective prompt every "
                    + cohort.reflectivePromptDays() + " days. Put people in it with a roster CSV whose cohort column says "
                    + cohort.name() + ".";
        } catch (InvalidRequest | Conflict e) {
            return "Sorry: " + e.getMessage() + " Nothing was created.";
        }
    }

    private String listing() {
        List<Cohort> all = cohorts.list();
        if (all.isEmpty()) {
            return "There are no cohorts yet. " + USAGE;
        }
        StringBuilder out = new StringBuilder("**Cohorts**\n\n");
        for (Cohort c : all) {
            out.append("- ").append(c.name()).append(" (cohort ").append(c.id()).append("), ")
                    .append(SHOWN.format(c.startsOn())).append(" to ").append(SHOWN.format(c.endsOn())).append('\n');
        }
        return out.append('\n').append(USAGE).toString();
    }

    private static Optional<LocalDate> date(String word) {
        for (DateTimeFormatter format : List.of(DateTimeFormatter.ISO_LOCAL_DATE, UK_DATE)) {
            try {
                return Optional.of(LocalDate.parse(word, format));
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }
}
