package uk.nhs.hps.reflection;

import uk.nhs.hps.conversation.Reply;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Map;
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

    /**
     * The same card with a key experience of the participant's transition already chosen (a prompt that offered
     * it); a key that is not one of their transition's is left out.
     */
    Reply newEntryCard(long participantId, @Nullable String keyExperience);

    /**
     * How many live entries are tagged with each key experience of the participant's current transition, in the
     * transition's order; empty for a participant without a development stream.
     */
    Map<String, Integer> keyExperienceCounts(long participantId);
}
