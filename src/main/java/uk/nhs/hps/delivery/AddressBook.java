package uk.nhs.hps.delivery;

import jakarta.inject.Singleton;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.RecordingTeamsContact;
import uk.nhs.hps.people.TeamsIdentity;
import uk.nhs.hps.people.TeamsIdentityRepository;

import java.util.Optional;

/** Finds where to reach a recipient, and remembers 1:1 chats the gateway had to create. */
@Singleton
class AddressBook {

    private final TeamsIdentityRepository identities;
    private final PersonRepository people;
    private final RecordingTeamsContact contacts;

    AddressBook(TeamsIdentityRepository identities, PersonRepository people, RecordingTeamsContact contacts) {
        this.identities = identities;
        this.people = people;
        this.contacts = contacts;
    }

    Optional<Address> resolve(OutboundMessage message) {
        if (message.teamsIdentityId() != null) {
            return identities.findById(message.teamsIdentityId()).map(AddressBook::addressOf);
        }
        if (message.personId() == null) {
            return Optional.empty();
        }
        Optional<TeamsIdentity> known = identities.findFirstByPersonIdOrderByLastSeenAtDesc(message.personId());
        if (known.isPresent()) {
            return known.map(AddressBook::addressOf);
        }
        // Never talked to us: reachable only if we know their AAD object id to open a chat with them.
        return people.findById(message.personId())
                .map(Person::aadObjectId)
                .map(aad -> identities.findFirstByAadObjectIdOrderByLastSeenAtDesc(aad)
                        .map(AddressBook::addressOf)
                        .orElse(new Address(null, null, null, aad, null)));
    }

    /** Whether {@link #resolve} can find a way to a roster person: a chat with them, or an AAD object id to open one. */
    boolean canReach(long personId) {
        return identities.findFirstByPersonIdOrderByLastSeenAtDesc(personId).isPresent()
                || people.findById(personId).map(p -> p.aadObjectId() != null).orElse(false);
    }

    void remember(OutboundMessage message, Address address, SendResult.CreatedConversation created) {
        contacts.recordCreatedConversation(message.personId(), address.aadObjectId(), address.tenantId(),
                created.serviceUrl(), created.conversationId(), created.referenceJson());
    }

    private static Address addressOf(TeamsIdentity identity) {
        return new Address(identity.serviceUrl(), identity.conversationId(), identity.tenantId(),
                identity.aadObjectId(), identity.teamsUserId());
    }
}
