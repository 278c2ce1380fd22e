package uk.nhs.hps.people;

/**
 * A Teams account carried the e-mail of a roster person who is bound to another Microsoft account, so it was not
 * linked. {@code key} is stable per person and other account (it names no raw identifier).
 */
public record IdentityConflict(long personId, String displayName, String key) {
}
