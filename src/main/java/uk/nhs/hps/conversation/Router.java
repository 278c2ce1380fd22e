package uk.nhs.hps.conversation;

import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides which feature answers a turn: install greetings and help first, then commands (longest
 * command word wins), then card actions, and everything else goes to the FAQ.
 */
@Singleton
public class Router {

    static final String LEFT_THE_SCHEME = "You've left the High Potential Scheme, so your records here are closed and"
            + " nothing was changed. You can still ask me questions about the scheme. If you think this is a mistake,"
            + " or you need a copy of your data, please contact the programme team.";

    private static final Pattern GREETING = Pattern.compile(
            "^(hi|hello|hey|hiya|good (morning|afternoon|evening)|morning|afternoon)( there| bot| hps companion)?[!. ]*$");

    /** The largest single card field accepted; the longest input a card offers is 4,000 characters. */
    static final int MAX_FIELD_CHARS = 20_000;
    /** All fields of one submit together: a reflection's six steps at their longest fit well within it. */
    static final int MAX_SUBMIT_CHARS = 40_000;

    private final List<CommandHandler> handlers;
    private final QuestionAnswerer questions;
    private final HelpCard helpCard;
    private final Map<String, CommandHandler> byCommand;

    Router(List<CommandHandler> handlers, QuestionAnswerer questions, HelpCard helpCard) {
        this.handlers = List.copyOf(handlers);
        this.questions = questions;
        this.helpCard = helpCard;
        // Longest commands first, so "my reflections" is matched before "my".
        this.byCommand = new TreeMap<>(Comparator.comparingInt(String::length).reversed().thenComparing(c -> c));
        for (CommandHandler handler : handlers) {
            for (String command : handler.commands()) {
                CommandHandler clash = byCommand.put(command, handler);
                if (clash != null && clash != handler) {
                    throw new IllegalStateException("Command '" + command + "' is claimed twice");
                }
            }
        }
    }

    public List<Reply> route(Turn turn) {
        return switch (turn.kind()) {
            // a personal install sends installationUpdate and conversationUpdate: only the turn that first
            // recorded this person (a unique insert, so durable and race-safe) greets them
            case INSTALLED -> turn.firstContact() ? List.of(helpCard.welcome(turn)) : List.of();
            case CARD_ACTION -> routeCardAction(turn);
            case MESSAGE -> withWelcomeOnFirstContact(turn, routeMessage(turn));
        };
    }

    /** Every command word the bot answers (help included), for the manifest's command list. */
    public Set<String> knownCommands() {
        Set<String> commands = new java.util.TreeSet<>(byCommand.keySet());
        commands.add("help");
        return commands;
    }

    private List<Reply> routeMessage(Turn turn) {
        String text = turn.text().toLowerCase(Locale.ROOT).trim();
        if (text.isEmpty() && !turn.attachments().isEmpty()) {
            Optional<CommandHandler> forFiles = handlers.stream().filter(CommandHandler::acceptsFiles).findFirst();
            if (forFiles.isPresent()) {
                return handle(forFiles.get(), turn);
            }
            return List.of(Reply.text("Thanks for the file, but I don't know what to do with it. Type **help** to see what I can do."));
        }
        if (text.isEmpty()) {
            return List.of(Reply.text("I didn't catch any text there. Type **help** to see what I can do."));
        }
        if (text.equals("help") || text.equals("?") || text.equals("menu")) {
            return List.of(helpCard.help(turn));
        }
        if (GREETING.matcher(text).matches()) {
            return List.of(Reply.text("Hello " + turn.firstName() + "! Here is what I can help with."), helpCard.help(turn));
        }
        Optional<CommandHandler> command = commandFor(text);
        if (command.isPresent()) {
            return handle(command.get(), turn);
        }
        return questions.answer(turn);
    }

    /** Every command and button passes here, so no feature can forget that people who have left lose access. */
    private static List<Reply> handle(CommandHandler handler, Turn turn) {
        if (turn.person().filter(p -> !Access.mayAct(p)).isPresent() && !handler.openToPeopleWhoHaveLeft(turn)) {
            return List.of(Reply.text(LEFT_THE_SCHEME));
        }
        return handler.handle(turn);
    }

    private Optional<CommandHandler> commandFor(String text) {
        for (Map.Entry<String, CommandHandler> entry : byCommand.entrySet()) {
            String command = entry.getKey();
            if (text.equals(command) || text.startsWith(command + " ") || text.startsWith(command + ":")) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    private List<Reply> routeCardAction(Turn turn) {
        Optional<String> tooLong = tooLong(turn.cardData());
        if (tooLong.isPresent()) {
            return List.of(Reply.text(tooLong.get()));
        }
        Optional<String> action = turn.action();
        if (action.isPresent()) {
            if (action.get().equals("help")) {
                return List.of(helpCard.help(turn));
            }
            for (CommandHandler handler : handlers) {
                if (handler.cardActions().contains(action.get())) {
                    return handle(handler, turn);
                }
            }
        }
        return List.of(Reply.text("That button is no longer recognised. Type **help** to start again."));
    }

    /**
     * Checked before any handler runs, so no card is ever built around a huge value: Teams clients honour an
     * input's maxLength, but a crafted submit need not. The limits are above every input a card offers.
     */
    static Optional<String> tooLong(Map<String, Object> cardData) {
        int total = 0;
        for (Object value : cardData.values()) {
            int length = characters(value);
            if (length > MAX_FIELD_CHARS) {
                return Optional.of(String.format(Locale.UK, "That is too long (at most %,d characters). Nothing was"
                        + " saved: shorten it and try again.", MAX_FIELD_CHARS));
            }
            total += length;
        }
        if (total > MAX_SUBMIT_CHARS) {
            return Optional.of(String.format(Locale.UK, "That is too long (at most %,d characters in all). Nothing"
                    + " was saved: shorten it and try again.", MAX_SUBMIT_CHARS));
        }
        return Optional.empty();
    }

    private static int characters(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().mapToInt(Router::characters).sum();
        }
        if (value instanceof java.util.Collection<?> list) {
            return list.stream().mapToInt(Router::characters).sum();
        }
        return value == null ? 0 : String.valueOf(value).length();
    }

    private List<Reply> withWelcomeOnFirstContact(Turn turn, List<Reply> replies) {
        if (!turn.firstContact()) {
            return replies;
        }
        List<Reply> withWelcome = new ArrayList<>();
        withWelcome.add(helpCard.welcome(turn));
        // The welcome card already lists everything; don't follow it with the same card again.
        withWelcome.addAll(replies.stream().filter(r -> !helpCard.isHelpCard(r)).collect(Collectors.toList()));
        return withWelcome;
    }

    List<HelpEntry> helpEntries() {
        return handlers.stream().flatMap(h -> h.help().stream()).toList();
    }
}
