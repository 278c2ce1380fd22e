package uk.nhs.hps.conversation;

import java.util.List;
import java.util.Set;

/**
 * A feature's way in from the chat. The router offers a turn to each handler whose command the text
 * starts with, or whose card action matches, before falling back to the FAQ.
 */
public interface CommandHandler {

    /** Lower-case command words this handler answers, e.g. "my data". */
    Set<String> commands();

    /** Card {@code action} values this handler answers. */
    default Set<String> cardActions() {
        return Set.of();
    }

    List<Reply> handle(Turn turn);

    /** Whether a message that is only a file (no text) should come to this handler. */
    default boolean acceptsFiles() {
        return false;
    }

    /**
     * Whether someone who has left the scheme may still use this turn's command or button. By default no: a
     * leaver's records are closed, so nothing they send can change them.
     */
    default boolean openToPeopleWhoHaveLeft(Turn turn) {
        return false;
    }

    /** What the help card says about this handler's commands. */
    default List<HelpEntry> help() {
        return List.of();
    }
}
