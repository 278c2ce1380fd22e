package uk.nhs.hps.conversation;

import uk.nhs.hps.people.Role;

import java.util.Set;

/**
 * A line on the help card. {@code roles} empty means everyone, including people not yet on the roster.
 */
public record HelpEntry(String command, String description, Set<Role> roles) {

    public static HelpEntry forEveryone(String command, String description) {
        return new HelpEntry(command, description, Set.of());
    }

    boolean shownTo(java.util.Optional<Role> role) {
        return roles.isEmpty() || role.map(roles::contains).orElse(false);
    }
}
