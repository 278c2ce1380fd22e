package uk.nhs.hps.support;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import uk.nhs.hps.conversation.CommandHandler;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.conversation.Turn;

import java.util.List;
import java.util.Set;

/** A command that always fails, to prove what a user sees and what is logged when a turn breaks. */
@Singleton
@Requires(property = "hps.test.exploding-command", value = "true")
public class ExplodingCommand implements CommandHandler {
    @Override
    public Set<String> commands() {
        return Set.of("explode");
    }

    @Override
    public List<Reply> handle(Turn turn) {
        throw new IllegalStateException("boom while handling the turn");
    }
}
