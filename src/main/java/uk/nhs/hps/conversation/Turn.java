package uk.nhs.hps.conversation;

import io.micronaut.core.annotation.Nullable;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.Role;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One incoming interaction, stripped of Bot Framework detail: who sent it, what they typed or
 * submitted, and whether the bot has seen them before.
 *
 * @param text     the message text with @mentions removed and whitespace collapsed; empty for card submits
 * @param cardData the submitted card's data (with its {@code action} discriminator), or empty
 * @param updatesCard true for an Adaptive Card {@code Action.Execute}: the first card in the answer replaces
 *                    the card the person pressed, in place, for them
 * @param attachments files the user sent with the message (Teams personal-chat file uploads), or empty
 * @param givenName   the given name Teams holds for the member, when it was looked up (install activities carry no name)
 */
public record Turn(
        String activityId,
        Kind kind,
        String text,
        Map<String, Object> cardData,
        String teamsUserId,
        @Nullable String displayName,
        Optional<Person> person,
        boolean firstContact,
        List<Attachment> attachments,
        boolean updatesCard,
        @Nullable String givenName) {

    public enum Kind { MESSAGE, INSTALLED, CARD_ACTION }

    /**
     * A file sent to the bot. {@code downloadUrl} is a short-lived, pre-authorised URL; fetch it with
     * {@link FileDownloads} only after deciding the sender may do what the file is for.
     */
    public record Attachment(String name, @Nullable String fileType, String downloadUrl) {
    }

    public Turn {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A turn without files. */
    public Turn(String activityId, Kind kind, String text, Map<String, Object> cardData, String teamsUserId,
                @Nullable String displayName, Optional<Person> person, boolean firstContact) {
        this(activityId, kind, text, cardData, teamsUserId, displayName, person, firstContact, List.of(), false, null);
    }

    public Turn(String activityId, Kind kind, String text, Map<String, Object> cardData, String teamsUserId,
                @Nullable String displayName, Optional<Person> person, boolean firstContact, List<Attachment> attachments) {
        this(activityId, kind, text, cardData, teamsUserId, displayName, person, firstContact, attachments, false, null);
    }

    public Optional<Role> role() {
        return person.map(Person::role);
    }

    /** The card action discriminator, if this turn is a card submit. */
    public Optional<String> action() {
        Object action = cardData.get("action");
        return action instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    /**
     * A positive whole-number id from the submitted card, as Teams sends it (number or digits); empty when
     * missing or tampered with, so handlers answer with a friendly error instead of failing.
     */
    public Optional<Long> cardId(String key) {
        Object value = cardData.get(key);
        if (value instanceof Number n && n.longValue() > 0 && n.doubleValue() == n.longValue()) {
            return Optional.of(n.longValue());
        }
        if (value instanceof String s && s.strip().matches("[0-9]{1,18}") && Long.parseLong(s.strip()) > 0) {
            return Optional.of(Long.parseLong(s.strip()));
        }
        return Optional.empty();
    }

    /** A text field from the submitted card, trimmed; empty when missing or blank. */
    public Optional<String> cardText(String key) {
        Object value = cardData.get(key);
        if (value == null) {
            return Optional.empty();
        }
        String text = String.valueOf(value).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** How to greet the person: the given name Teams holds, else the first word of their roster or chat name. */
    public String firstName() {
        if (givenName != null && !givenName.isBlank()) {
            return givenName.strip();
        }
        if (person.isPresent()) {
            return person.get().displayName().split(" ")[0];
        }
        return displayName == null || displayName.isBlank() ? "there" : displayName.split(" ")[0];
    }
}
