package uk.nhs.hps.delivery;

import jakarta.inject.Singleton;
import uk.nhs.hps.conversation.ProactiveMessenger;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.TeamsIdentity;
import uk.nhs.hps.people.TeamsIdentityRepository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Proactive messages from features, queued in the outbox (one row per reply, keyed {@code key#n}). */
@Singleton
class OutboxMessenger implements ProactiveMessenger {

    private final Outbox outbox;
    private final TeamsIdentityRepository identities;
    private final PersonRepository people;

    OutboxMessenger(Outbox outbox, TeamsIdentityRepository identities, PersonRepository people) {
        this.outbox = outbox;
        this.identities = identities;
        this.people = people;
    }

    @Override
    public boolean sendToTeamsUser(String idempotencyKey, String teamsUserId, List<Reply> replies) {
        Optional<TeamsIdentity> identity = identities.findByTeamsUserId(teamsUserId);
        if (identity.isEmpty()) {
            return false;
        }
        List<Outbox.Request> requests = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            requests.add(Outbox.Request.toTeamsIdentity(idempotencyKey + "#" + i, identity.get().id(), replies.get(i)));
        }
        outbox.enqueueAll(requests);
        return true;
    }

    @Override
    public boolean sendToPerson(String idempotencyKey, long personId, List<Reply> replies) {
        boolean reachable = identities.findFirstByPersonIdOrderByLastSeenAtDesc(personId).isPresent()
                || people.findById(personId).map(p -> p.aadObjectId() != null).orElse(false);
        if (!reachable) {
            return false;
        }
        List<Outbox.Request> requests = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            requests.add(Outbox.Request.toPerson(idempotencyKey + "#" + i, personId, replies.get(i)));
        }
        outbox.enqueueAll(requests);
        return true;
    }
}
