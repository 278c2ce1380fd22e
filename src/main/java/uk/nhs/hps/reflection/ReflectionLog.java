package uk.nhs.hps.reflection;

import uk.nhs.hps.conversation.Reply;

import java.time.Instant;
import java.util.Optional;

/**
 * What the reflective-log prompts (scheduled nudges) need to know about a participant's log, and the
 * card a prompt opens. Implemented by the reflective log itself.
 */
public interface ReflectionLog {

    /** When the participant last logged an entry, if ever. */
    Optional<Instant> lastEntryAt(long participantId);

    /** How many entries the participant logged in [from, to). */
    int entriesBetween(long participantId, Instant from, Instant to);

    /** The card that starts a new reflective entry, for a prompt to open directly. */
    Reply newEntryCard(long participantId);
}
