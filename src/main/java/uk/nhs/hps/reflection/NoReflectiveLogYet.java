package uk.nhs.hps.reflection;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import uk.nhs.hps.conversation.Reply;

import java.time.Instant;
import java.util.Optional;

/** Stands in until the reflective log lands: nobody has entries, and the prompt asks for a text reply. */
@Singleton
@Secondary
class NoReflectiveLogYet implements ReflectionLog {
    @Override
    public Optional<Instant> lastEntryAt(long participantId) {
        return Optional.empty();
    }

    @Override
    public int entriesBetween(long participantId, Instant from, Instant to) {
        return 0;
    }

    @Override
    public Reply newEntryCard(long participantId) {
        return Reply.text("Time for a reflective log entry: reply with **reflection:** followed by what happened,"
                + " what it meant to you and what you will do next.");
    }
}
