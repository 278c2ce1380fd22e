package uk.nhs.hps.console;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import uk.nhs.hps.cohort.ManagingCohorts;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.DevelopmentStream;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;
import uk.nhs.hps.people.TeamsIdentity;
import uk.nhs.hps.people.TeamsIdentityRepository;
import uk.nhs.hps.support.TestUsers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The Announcements pages' fixture: a fresh cohort each test with two participants (one in stream 1 at Leeds, one in
 * stream 2 at York) and one sponsor, all reachable in Teams through the fake Bot Connector; no announcements yet.
 */
abstract class AnnouncementsConsoleTestBase extends ConsoleTestBase {

    @Inject
    protected TransactionOperations<Connection> db;
    @Inject
    protected ManagingCohorts cohorts;
    @Inject
    protected SponsorshipRepository sponsorships;
    @Inject
    protected TeamsIdentityRepository identities;

    protected Cohort cohort;
    protected List<Person> members;

    @BeforeEach
    void cohortWithTwoParticipantsAndASponsor() {
        db.executeWrite(status -> {
            try (var s = status.getConnection().createStatement()) {
                s.executeUpdate("DELETE FROM announcement_ack");
                s.executeUpdate("DELETE FROM outbound_message WHERE campaign LIKE 'announcement:%'");
                s.executeUpdate("DELETE FROM announcement");
            }
            return null;
        });
        Instant now = Instant.now();
        cohort = cohorts.create(new ManagingCohorts.CohortDetails("Cohort " + UUID.randomUUID().toString().substring(0, 6),
                LocalDate.of(2026, 4, 1), LocalDate.of(2028, 3, 31), null, null));
        Person first = reachable("first", Role.PARTICIPANT, cohort.id(), DevelopmentStream.ONE, "Leeds Teaching Hospitals");
        Person second = reachable("second", Role.PARTICIPANT, cohort.id(), DevelopmentStream.TWO, "York and Scarborough");
        Person sponsor = reachable("sponsor", Role.SPONSOR, null, null, "Leeds Teaching Hospitals");
        sponsorships.save(new Sponsorship(null, first.id(), sponsor.id(), LocalDate.of(2026, 4, 1), null, now));
        members = List.of(first, second, sponsor);
    }

    protected Person reachable(String label, Role role, Long cohortId, DevelopmentStream stream, String organisation) {
        String key = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        Person person = people.save(new Person(null, key + "@nhs.net", "Test " + label, role, PersonStatus.ACTIVE,
                "Europe/London", "aad-" + key, organisation, null, stream, cohortId, null, null, null, null, now, now));
        identities.save(new TeamsIdentity(null, "29:" + key, "aad-" + key, TestUsers.TENANT, "Test " + label,
                person.email(), person.id(), connector.serviceUrl(), "a:chat-" + key, "{}", now, now));
        return person;
    }

    /** A participant of the cohort the bot cannot reach (never installed the app): their copy fails. */
    protected Person unreachable(String label) {
        Instant now = Instant.now();
        return people.save(new Person(null, label + "-" + UUID.randomUUID() + "@nhs.net", "Una " + label, Role.PARTICIPANT,
                PersonStatus.ACTIVE, "Europe/London", null, null, null, cohort.id(), null, null, null, null, now, now));
    }

    protected long count(String sql, Object... args) {
        return db.executeRead(status -> {
            try (PreparedStatement p = status.getConnection().prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    p.setObject(i + 1, args[i]);
                }
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    protected long announcements() {
        return count("SELECT COUNT(*) FROM announcement");
    }
}
