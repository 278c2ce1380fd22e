package uk.nhs.hps.delivery;

import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.TeamsIdentity;
import uk.nhs.hps.people.TeamsIdentityRepository;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** People the delivery tests send to: reachable through a stored chat, or only by their AAD id. */
final class DeliveryFixtures {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Instant EARLIER = Instant.parse("2026-11-01T09:00:00Z");

    private final PersonRepository people;
    private final TeamsIdentityRepository identities;
    private final String serviceUrl;

    DeliveryFixtures(PersonRepository people, TeamsIdentityRepository identities, String serviceUrl) {
        this.people = people;
        this.identities = identities;
        this.serviceUrl = serviceUrl;
    }

    /** Someone who has talked to the bot, so their 1:1 chat is known. */
    Person reachablePerson() {
        int n = COUNTER.incrementAndGet();
        Person person = people.save(new Person(null, "reach" + n + "@nhs.net", "Reachable " + n, Role.PARTICIPANT,
                "ACTIVE", "Europe/London", "aad-reach-" + n, EARLIER, EARLIER));
        identities.save(new TeamsIdentity(null, "29:reach-" + n, "aad-reach-" + n, "tenant", "Reachable " + n,
                person.email(), person.id(), serviceUrl, conversationOf(person), "{}", EARLIER, EARLIER));
        return person;
    }

    /** On the roster with an AAD id, but has never written to the bot. */
    Person silentPerson() {
        int n = COUNTER.incrementAndGet();
        return people.save(new Person(null, "silent" + n + "@nhs.net", "Silent " + n, Role.SPONSOR,
                "ACTIVE", "Europe/London", "aad-silent-" + n, EARLIER, EARLIER));
    }

    /** On the roster without any way to reach them in Teams. */
    Person unreachablePerson() {
        int n = COUNTER.incrementAndGet();
        return people.save(new Person(null, "unreach" + n + "@nhs.net", "Unreachable " + n, Role.SPONSOR,
                "ACTIVE", "Europe/London", null, EARLIER, EARLIER));
    }

    static String conversationOf(Person person) {
        return conversationOf(person.id());
    }

    static String conversationOf(long personId) {
        return "a:chat-" + personId;
    }
}
