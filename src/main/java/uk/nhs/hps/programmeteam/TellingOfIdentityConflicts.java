package uk.nhs.hps.programmeteam;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.delivery.Outbox;
import uk.nhs.hps.people.IdentityConflict;

/** Tells every current programme-team member that an account was refused a roster person's identity. */
@Singleton
class TellingOfIdentityConflicts {

    private final Access access;
    private final Outbox outbox;

    TellingOfIdentityConflicts(Access access, Outbox outbox) {
        this.access = access;
        this.outbox = outbox;
    }

    @EventListener
    void on(IdentityConflict conflict) {
        String name = conflict.displayName();
        String text = "**Identity check needed.** A Teams account carried the e-mail of " + name
                + " (roster id " + conflict.personId() + "), who is already linked to another Microsoft account. I did not"
                + " link it and treat it as unknown. If " + name + " has a new account, check with"
                + " them first, then update their record.";
        for (long member : access.currentProgrammeTeam()) {
            // "#0": the key these notices have always had in the outbox, so none is sent twice across an upgrade
            outbox.enqueueIfReachable(Outbox.Request.toPerson(conflict.key() + ":to:" + member + "#0", member, Reply.text(text)));
        }
    }
}
