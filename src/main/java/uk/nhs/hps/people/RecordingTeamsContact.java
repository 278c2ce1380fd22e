package uk.nhs.hps.people;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.hps.audit.AuditLog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Stores or refreshes a Teams user's identity and conversation reference, and links it to the roster person
 * with the same AAD object id, or with the same e-mail when that person is bound to no AAD object id yet.
 */
@Singleton
public class RecordingTeamsContact {

    /** The person behind the contact, if on the roster, and whether the bot had never seen them. */
    public record Outcome(boolean firstContact, Optional<Person> person) {
    }

    public static final String IDENTITY_CONFLICT = "IDENTITY_CONFLICT";
    private static final String PROACTIVE_PREFIX = "aad:";
    private static final Logger LOG = LoggerFactory.getLogger(RecordingTeamsContact.class);

    private final TeamsIdentityRepository identities;
    private final PersonRepository people;
    private final ApplicationEventPublisher<IdentityConflict> conflicts;
    private final AuditLog audit;
    private final Clock clock;

    RecordingTeamsContact(TeamsIdentityRepository identities, PersonRepository people,
                          ApplicationEventPublisher<IdentityConflict> conflicts, AuditLog audit, Clock clock) {
        this.identities = identities;
        this.people = people;
        this.conflicts = conflicts;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * An idempotent upsert: safe when two turns for the same new user race (the insert is one
     * insert-if-absent statement, and the loser updates the winner's row).
     */
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
        boolean firstContact;
        if (existing.isPresent()) {
            firstContact = existing.get().teamsUserId().startsWith(PROACTIVE_PREFIX);
        } else {
            firstContact = identities.insertIfAbsent(contact.teamsUserId(), aad, contact.tenantId(), contact.displayName(),
                    email, personId, contact.serviceUrl(), contact.conversationId(), contact.conversationReferenceJson(),
                    now) == 1;
            if (firstContact) {
                return new Outcome(true, person);
            }
            // another turn for the same new user inserted it first: refresh that row like any later contact
            existing = identities.findByTeamsUserId(contact.teamsUserId());
        }
        TeamsIdentity old = existing.orElseThrow();
        identities.update(new TeamsIdentity(old.id(), contact.teamsUserId(), aad,
                firstNonBlank(contact.tenantId(), old.tenantId()),
                firstNonBlank(contact.displayName(), old.displayName()), email, personId,
                contact.serviceUrl(), contact.conversationId(), contact.conversationReferenceJson(),
                old.firstSeenAt(), now));
        return new Outcome(firstContact, person);
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

    /**
     * By AAD object id first. An e-mail only links a person bound to no AAD object id (and binds them, once):
     * an e-mail is a profile field another account can carry, the object id is not.
     */
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
        Optional<Person> byEmail = people.findByEmail(email);
        if (byEmail.isEmpty()) {
            return Optional.empty();
        }
        Person p = byEmail.get();
        if (aad != null && p.aadObjectId() == null && people.bindAadObjectId(p.id(), aad, now) == 1) {
            return people.findById(p.id());
        }
        Optional<String> bound = aad == null ? Optional.ofNullable(p.aadObjectId())
                : people.findById(p.id()).map(Person::aadObjectId).filter(b -> !b.equals(aad));
        if (bound.isPresent()) {
            conflict(p, aad);
            return Optional.empty();
        }
        return people.findById(p.id());
    }

    /** Recorded and announced once per person and other account; the sender stays unknown. */
    private void conflict(Person person, String otherAad) {
        String key = "identity-conflict:" + person.id() + ":" + fingerprint(otherAad);
        boolean known = audit.about(person.id()).stream()
                .anyMatch(e -> IDENTITY_CONFLICT.equals(e.action()) && e.detail() != null && e.detail().contains(key));
        if (known) {
            return;
        }
        LOG.warn("A Teams account carried the e-mail of a roster person bound to another AAD object id; not linked personId={}",
                person.id());
        audit.record("system", IDENTITY_CONFLICT, person.id(), "A Teams account with another AAD object id carried this"
                + " person's e-mail; it was not linked. " + key);
        // published in this transaction: whoever tells the programme team queues it with the audit row
        conflicts.publishEvent(new IdentityConflict(person.id(), person.displayName(), key));
    }

    /** A short stable reference to the other account, so the audit and outbox keys hold no raw identifier. */
    private static String fingerprint(String aad) {
        if (aad == null) {
            return "no-aad";
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(aad.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : (b != null && !b.isBlank() ? b : null);
    }
}
