package uk.nhs.hps.broadcast;

import io.micronaut.core.annotation.Nullable;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;

/** Who may broadcast: the programme team. */
final class Broadcasters {

    private Broadcasters() {
    }

    /**
     * Refuses anyone outside the programme team. A null actor is the admin API's development token, which
     * the admin gate has already let through (and which only works in the dev environment).
     */
    static void require(Access access, @Nullable Long actorId, String why) {
        if (actorId != null) {
            access.require(actorId, Action.BROADCAST, null, why);
        }
    }
}
