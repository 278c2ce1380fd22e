package uk.nhs.hps.reflection;

import jakarta.inject.Singleton;
import uk.nhs.hps.conversation.CodeBuiltCardAction;
import uk.nhs.hps.conversation.CommandHandler;
import uk.nhs.hps.conversation.HelpEntry;
import uk.nhs.hps.conversation.PlainText;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.conversation.Turn;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.Role;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reflective log in the chat: {@code log reflection}, {@code reflection: ...}, {@code my reflections}
 * (with a month or dimension), {@code export reflections}, and the buttons on the reflective-log cards.
 */
@Singleton
class ReflectionCommands implements CommandHandler {

    static final String NEW = "reflection.new";
    static final String SAVE = "reflection.save";
    static final String LIST = "reflection.list";
    static final String VIEW = "reflection.view";
    static final String EDIT = "reflection.edit";
    static final String DELETE = "reflection.delete";
    @CodeBuiltCardAction // the undo button on the "deleted" notice (reflection-notice.json's "${action}")
    static final String UNDO = "reflection.undo";
    static final String EXPORT = "reflection.export";

    private final ReflectiveLog log;
    private final ReflectionCards cards;
    private final ReflectionDefinitions definitions;
    private final ReflectionExports exports;

    ReflectionCommands(ReflectiveLog log, ReflectionCards cards, ReflectionDefinitions definitions,
                       ReflectionExports exports) {
        this.log = log;
        this.cards = cards;
        this.definitions = definitions;
        this.exports = exports;
    }

    @Override
    public Set<String> commands() {
        return Set.of("log reflection", "reflection", "my reflections", "export reflections", "shared reflections");
    }

    @Override
    public Set<String> cardActions() {
        return Set.of(NEW, SAVE, LIST, VIEW, EDIT, DELETE, UNDO, EXPORT);
    }

    @Override
    public List<HelpEntry> help() {
        Set<Role> participants = Set.of(Role.PARTICIPANT);
        return List.of(
                new HelpEntry("log reflection", "Write a reflective log entry (or type **reflection:** and what happened).", participants),
                new HelpEntry("my reflections", "Your reflective log: read, filter by month or dimension, edit, delete.", participants),
                new HelpEntry("export reflections", "Your reflective log as a PDF and a Markdown file, for graduation.", participants),
                new HelpEntry("shared reflections", "The reflective entries your participants have shared with you.", Set.of(Role.SPONSOR)));
    }

    @Override
    public List<Reply> handle(Turn turn) {
        if (turn.person().isEmpty()) {
            return List.of(Reply.text("The reflective log is for people on the High Potential Scheme. If you should be on"
                    + " the scheme, please contact the programme team."));
        }
        Person person = turn.person().get();
        if (turn.kind() == Turn.Kind.CARD_ACTION) {
            Map<String, Object> data = turn.cardData();
            return switch (turn.action().orElse("")) {
                case NEW -> List.of(newEntry(person, data));
                case SAVE -> List.of(save(person, data));
                case LIST -> List.of(list(person, filterFrom(data), page(data)));
                case VIEW -> List.of(view(person, data));
                case EDIT -> List.of(edit(person, data));
                case DELETE -> List.of(delete(person, data));
                case UNDO -> List.of(undo(person, data));
                case EXPORT -> List.of(export(person));
                default -> List.of(cards.error("Sorry, that button didn't work", "Type **my reflections** to start again."));
            };
        }
        String text = turn.text().strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("shared reflections")) {
            return List.of(cards.sharedList(log.sharedWith(person.id()), 20));
        }
        if (lower.startsWith("export reflections")) {
            return List.of(export(person));
        }
        if (lower.startsWith("my reflections")) {
            return List.of(listFromText(person, text.substring("my reflections".length()).strip()));
        }
        if (!mayKeepALog(person)) {
            return List.of(notForYou());
        }
        if (lower.startsWith("log reflection")) {
            return List.of(cards.newEntry(null, log.today(person.id()), Map.of(), transitionOf(person)));
        }
        // "reflection: what happened" opens the card with the text as the first step
        String said = text.substring("reflection".length()).replaceFirst("^\\s*:?\\s*", "");
        String firstStep = "step_" + definitions.defaultTemplate().steps().get(0).key();
        return List.of(cards.newEntry(null, log.today(person.id()),
                said.isBlank() ? Map.of() : Map.of(firstStep, said.length() > ReflectionForm.MAX_STEP
                        ? said.substring(0, ReflectionForm.MAX_STEP) : said), transitionOf(person)));
    }

    private Reply newEntry(Person person, Map<String, Object> data) {
        if (!mayKeepALog(person)) {
            return notForYou();
        }
        // the card's switch sends no inputs (so the client does not validate a blank form first); a client
        // that does send them keeps what was typed: the first step carries over
        ReflectionForm typed = ReflectionForm.read(Map.of(), definitions);
        Map<String, String> prefill = new java.util.HashMap<>();
        String title = ReflectionForm.text(data, "title");
        if (!title.isBlank()) {
            prefill.put("title", title);
        }
        String firstTyped = data.entrySet().stream().filter(e -> e.getKey().startsWith("step_"))
                .map(e -> String.valueOf(e.getValue())).filter(v -> !v.isBlank()).findFirst().orElse("");
        ReflectionDefinitions.Template template = definitions.template(ReflectionForm.text(data, "template"))
                .orElse(typed.template());
        if (!firstTyped.isBlank()) {
            prefill.put("step_" + template.steps().get(0).key(), firstTyped);
        }
        return cards.newEntry(template.key(), log.today(person.id()), prefill, transitionOf(person));
    }

    private Reply save(Person person, Map<String, Object> data) {
        ReflectionForm form = ReflectionForm.read(data, definitions);
        ReflectiveLog.Written written = log.write(person.id(), form);
        if (written instanceof ReflectiveLog.Written.Invalid i) {
            return cards.retry(i.form(), i.today(), i.problems(), List.of());
        }
        if (written instanceof ReflectiveLog.Written.MayIdentifyAPatient w) {
            return cards.retry(w.form(), w.today(), List.of(), w.warnings());
        }
        if (written instanceof ReflectiveLog.Written.Kept k) {
            return cards.saved(k.entry(), k.edited(), k.sponsorsTold());
        }
        if (written instanceof ReflectiveLog.Written.AlreadySaved a) {
            return cards.error("Already saved", "**" + PlainText.of(a.entry().title(), 200) + "** was saved from this card"
                    + " already; nothing was saved twice. Use **my reflections** to edit it.");
        }
        if (written instanceof ReflectiveLog.Written.ChangedSinceOpened) {
            return cards.error("This entry changed since you opened it",
                    "Nothing was saved, so your other change stands. Open the entry from **my reflections** and edit it again.");
        }
        if (written instanceof ReflectiveLog.Written.NotFound) {
            return cards.error("I couldn't find that entry",
                    "It may have been deleted. Nothing was saved; type **my reflections** to see your entries.");
        }
        return notForYou();
    }

    private Reply listFromText(Person person, String argument) {
        if (argument.isBlank()) {
            return list(person, ReflectiveLog.Filter.NONE, 1);
        }
        try {
            return list(person, new ReflectiveLog.Filter(null, YearMonth.parse(argument)), 1);
        } catch (DateTimeParseException ignored) {
            // not a month: maybe a dimension
        }
        String wanted = argument.toLowerCase(Locale.ROOT);
        Optional<ReflectionDefinitions.Option> dimension = definitions.dimensions().stream()
                .filter(d -> d.key().equals(wanted.replace(' ', '_')) || d.label().toLowerCase(Locale.ROOT).startsWith(wanted))
                .findFirst();
        if (dimension.isPresent()) {
            return list(person, new ReflectiveLog.Filter(dimension.get().key(), null), 1);
        }
        return cards.error("I can't filter by that", "Try **my reflections 2026-11** for a month, or"
                + " **my reflections engaging the team** for a Healthcare Leadership Model dimension.");
    }

    private Reply list(Person person, ReflectiveLog.Filter filter, int page) {
        return log.page(person.id(), filter, page)
                .map(p -> cards.list(p.shown(), p.page(), p.pages(), p.matching(), p.filter(), p.months()))
                .orElseGet(this::notForYou);
    }

    private Reply view(Person person, Map<String, Object> data) {
        Long id = ReflectionForm.number(data, "entryId");
        Optional<ReflectiveLog.Opened> opened = id == null ? Optional.empty() : log.open(person.id(), id);
        if (opened.isEmpty()) {
            return cards.error("I couldn't open that entry",
                    "It may have been deleted, or it isn't shared with you.");
        }
        ReflectiveLog.Opened o = opened.get();
        String sharedBy = o.own() ? null : o.authorName() == null ? "your participant" : o.authorName();
        return cards.view(o.entry(), o.edits(), sharedBy);
    }

    private Reply edit(Person person, Map<String, Object> data) {
        Long id = ReflectionForm.number(data, "entryId");
        Optional<ReflectionEntry> entry = id == null ? Optional.empty() : log.ownLive(person.id(), id);
        return entry.map(e -> cards.edit(e, log.today(person.id()), transitionOf(person)))
                .orElseGet(() -> cards.error("I couldn't find that entry", "Only your own entries can be edited."));
    }

    private Reply delete(Person person, Map<String, Object> data) {
        Long id = ReflectionForm.number(data, "entryId");
        Optional<ReflectionEntry> deleted = id == null ? Optional.empty() : log.delete(person.id(), id);
        return deleted.map(cards::deleted)
                .orElseGet(() -> cards.error("I couldn't delete that entry", "It may be deleted already, or not yours."));
    }

    private Reply undo(Person person, Map<String, Object> data) {
        Long id = ReflectionForm.number(data, "entryId");
        Optional<ReflectionEntry> restored = id == null ? Optional.empty() : log.undoDelete(person.id(), id);
        return restored.map(cards::restored).orElseGet(() -> cards.error("I couldn't restore that entry",
                "Entries can be restored for 30 days after they are deleted."));
    }

    private Reply export(Person person) {
        if (!mayKeepALog(person)) {
            return notForYou();
        }
        return exports.offer(person);
    }

    private static uk.nhs.hps.people.CareerTransition transitionOf(Person person) {
        return person.stream() == null ? null : person.stream().transition();
    }

    private boolean mayKeepALog(Person person) {
        return log.mayKeepALog(person.id());
    }

    private Reply notForYou() {
        return cards.error("The reflective log isn't available to you", "Please contact the programme team if you think it should be.");
    }

    private static ReflectiveLog.Filter filterFrom(Map<String, Object> data) {
        String dimension = ReflectionForm.text(data, "dimension");
        String month = ReflectionForm.text(data, "month");
        YearMonth ym = null;
        try {
            ym = month.isBlank() || month.equals(ReflectionCards.ALL) ? null : YearMonth.parse(month);
        } catch (DateTimeParseException ignored) {
            // an altered card: ignore the month
        }
        return new ReflectiveLog.Filter(dimension.isBlank() || dimension.equals(ReflectionCards.ALL) || dimension.length() > 64 ? null : dimension, ym);
    }

    private static int page(Map<String, Object> data) {
        Long page = ReflectionForm.number(data, "page");
        return page == null || page > 10_000 ? 1 : page.intValue();
    }
}
