package uk.nhs.hps.roster;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Stores or refreshes a Teams user's identity and conversation reference, and links it to the
 * roster person with the same AAD object id or e-mail.
 */
@Singleton
public class RecordingTeamsContact {

    /** The person behind the contact, if on the roster, and whether the bot had never seen them. */
    public record Outcome(boolean firstContact, Optional<Person> person) {
    }

    private static final String PROACTIVE_PREFIX = "aad:";

    private final TeamsIdentityRepository identities;
    private final PersonRepository people;
    private final Clock clock;

    RecordingTeamsContact(TeamsIdentityRepository identities, PersonRepository people, Clock clock) {
        this.identities = identities;
        this.people = people;
        this.clock = clock;
    }

    @Transactional
    public Outcome record(TeamsContact contact) {
        Instant now = clock.instant();
        Optional<TeamsIdentity> existing = identities.findByTeamsUserId(contact.teamsUserId())
                .or(() -> contact.aadObjectId() == null ? Optional.empty()
                        // a chat the bot opened before this person ever wrote to it
                        : identities.findFirstByAadObjectIdOrderByLastSeenAtDesc(contact.aadObjectId())
                                .filter(i -> i.teamsUserId().startsWith(PROACTIVE_PREFIX)));
        String email = Person.normaliseEmail(firstNonBlank(contact.email(), existing.map(TeamsIdentity::email).orElse(null)));
        String aad = firstNonBlank(contact.aadObjectId(), existing.map(TeamsIdentity::aadObjectId).orElse(null));
        Optional<Person> person = linkPerson(aad, email, now);
        Long personId = person.map(Person::id).orElse(null);
        if (existing.isPresent()) {
            TeamsIdentity old = existing.get();
            identities.update(new TeamsIdentity(old.id(), contact.teamsUserId(), aad,
                    firstNonBlank(contact.tenantId(), old.tenantId()),
                    firstNonBlank(contact.displayName(), old.displayName()), email, personId,
                    contact.serviceUrl(), contact.conversationId(), contact.conversationReferenceJson(),
                    old.firstSeenAt(), now));
            return new Outcome(old.teamsUserId().startsWith(PROACTIVE_PREFIX), person);
        }
        identities.save(new TeamsIdentity(null, contact.teamsUserId(), aad, contact.tenantId(),
                contact.displayName(), email, personId, contact.serviceUrl(), contact.conversationId(),
                contact.conversationReferenceJson(), now, now));
        return new Outcome(true, person);
    }

    /**
     * Remembers a 1:1 chat the bot created to reach someone who had never written to it. The Teams user id
     * is not known yet; it is filled in when they first write.
     */
    @Transactional
    public void recordCreatedConversation(Long personId, String aadObjectId, String tenantId, String serviceUrl,
                                          String conversationId, String referenceJson) {
        Instant now = clock.instant();
        identities.save(new TeamsIdentity(null, PROACTIVE_PREFIX + aadObjectId, aadObjectId, tenantId, null, null,
                personId, serviceUrl, conversationId, referenceJson, now, now));
    }

    /** Whether we already hold an e-mail for this Teams user, so Teams need not be asked again. */
    public boolean knowsEmailOf(String teamsUserId) {
        return identities.findByTeamsUserId(teamsUserId).map(i -> i.email() != null).orElse(false);
    }

    private Optional<Person> linkPerson(String aad, String email, Instant now) {
        if (aad != null) {
            Optional<Person> byAad = people.findByAadObjectId(aad);
            if (byAad.isPresent()) {
                return byAad;
            }
        }
        if (email == null) {
            return Optional.empty();
        }
        return people.findByEmail(email).map(p -> {
            if (aad != null && p.aadObjectId() == null) {
                return people.update(p.withAadObjectId(aad, now));
            }
            return p;
        });
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : (b != null && !b.isBlank() ? b : null);
    }
}
