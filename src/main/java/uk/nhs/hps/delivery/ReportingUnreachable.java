package uk.nhs.hps.delivery;

import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tells the programme team, and the composer of the announcement, in Teams that someone cannot be reached and why:
 * once per person and cause (the outbox's idempotency key), not once per message that failed.
 */
@Singleton
class ReportingUnreachable {

    /** Why the bot cannot reach someone. */
    enum Cause {
        NO_MICROSOFT_ACCOUNT("they are not linked to a Microsoft account yet (no Entra object id on the roster, and"
                + " they have never written to the bot), so the app cannot be installed for them. Ask them to open"
                + " HPS Companion in Teams once, or add their Entra object id to the roster."),
        NOT_INSTALLED("HPS Companion is not installed for them in Teams, and installing it automatically through"
                + " Microsoft Graph is not configured (GRAPH_TEAMS_APP_CATALOG_ID). Ask them to install it, or"
                + " pre-install it for the scheme with a Teams app setup policy."),
        INSTALL_FAILED("installing HPS Companion for them through Microsoft Graph failed: "),
        CHAT_REFUSED("HPS Companion is installed for them, but Teams would not open a chat: ");

        private final String explanation;

        Cause(String explanation) {
            this.explanation = explanation;
        }
    }

    private final Outbox outbox;
    private final Access access;
    private final PersonRepository people;
    private final List<CampaignOwners> owners;

    ReportingUnreachable(Outbox outbox, Access access, PersonRepository people, List<CampaignOwners> owners) {
        this.outbox = outbox;
        this.access = access;
        this.people = people;
        this.owners = owners;
    }

    void report(OutboundMessage message, Cause cause, String detail) {
        if (message.personId() == null) {
            return;
        }
        Optional<Person> person = people.findById(message.personId());
        if (person.isEmpty()) {
            return;
        }
        Set<Long> told = new LinkedHashSet<>();
        if (message.campaign() != null) {
            // the composer first; only while on the team, since the message names a person
            owners.forEach(o -> o.composerOf(message.campaign()).filter(access::isProgrammeTeam).ifPresent(told::add));
        }
        told.addAll(access.currentProgrammeTeam());
        told.remove(message.personId());
        String why = cause.explanation + (cause == Cause.INSTALL_FAILED || cause == Cause.CHAT_REFUSED ? detail : "");
        String text = "**I can't reach " + person.get().displayName() + "** (roster id " + person.get().id()
                + ") in Teams: " + why + " Messages to them are marked failed in the delivery report until this is"
                + " fixed; I'll tell you once for this reason, not for every message.";
        for (Long recipient : told) {
            // "#0": the key these notices have always had, so none is sent again across an upgrade
            outbox.enqueueIfReachable(Outbox.Request.toPerson("unreachable:" + person.get().id() + ":" + cause.name()
                    + ":to:" + recipient + "#0", recipient, Reply.text(text)));
        }
    }
}
