package uk.nhs.hps.broadcast;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import uk.nhs.hps.people.Person;

import java.util.Collection;
import java.util.List;

/** Who is in an audience, as person ids; people who have left the scheme or been erased are never included. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface AudienceQueries extends GenericRepository<Person, Long> {

    String CURRENT = " p.status <> 'LEFT' AND p.anonymised_at IS NULL ";

    @Query("SELECT p.id FROM person p WHERE p.role = 'PARTICIPANT' AND" + CURRENT + "ORDER BY p.id")
    List<Long> allParticipants();

    @Query("""
            SELECT DISTINCT p.id FROM person p JOIN sponsorship s ON s.sponsor_id = p.id
            WHERE s.ends_on IS NULL AND""" + CURRENT + "ORDER BY p.id")
    List<Long> allSponsors();

    @Query("SELECT p.id FROM person p WHERE p.role = 'PARTICIPANT' AND p.cohort_id IN (:cohortIds) AND" + CURRENT + "ORDER BY p.id")
    List<Long> participantsIn(Collection<Long> cohortIds);

    @Query("""
            SELECT DISTINCT p.id FROM person p JOIN sponsorship s ON s.sponsor_id = p.id
            JOIN person participant ON participant.id = s.participant_id
            WHERE s.ends_on IS NULL AND participant.cohort_id IN (:cohortIds) AND""" + CURRENT + "ORDER BY p.id")
    List<Long> sponsorsIn(Collection<Long> cohortIds);

    @Query("""
            SELECT DISTINCT p.id FROM person p JOIN coach_assignment c ON c.coach_id = p.id
            JOIN person participant ON participant.id = c.participant_id
            WHERE c.ends_on IS NULL AND participant.cohort_id IN (:cohortIds) AND""" + CURRENT + "ORDER BY p.id")
    List<Long> coachesIn(Collection<Long> cohortIds);

    @Query("SELECT p.id FROM person p JOIN programme_team_member m ON m.person_id = p.id WHERE" + CURRENT + "ORDER BY p.id")
    List<Long> programmeTeam();

    @Query("SELECT p.id FROM person p WHERE p.email IN (:emails) AND" + CURRENT + "ORDER BY p.id")
    List<Long> withEmails(Collection<String> emails);

    @Query("SELECT p.email FROM person p WHERE p.email IN (:emails) AND" + CURRENT)
    List<String> knownEmails(Collection<String> emails);

    /** A cohort's current participants with what a selection narrows them by. */
    @Query("SELECT p.* FROM person p WHERE p.role = 'PARTICIPANT' AND p.cohort_id IN (:cohortIds) AND" + CURRENT + "ORDER BY p.id")
    List<Person> participantRecordsIn(Collection<Long> cohortIds);

    @Query("""
            SELECT DISTINCT p.id FROM person p JOIN sponsorship s ON s.sponsor_id = p.id
            WHERE s.ends_on IS NULL AND s.participant_id IN (:participantIds) AND""" + CURRENT + "ORDER BY p.id")
    List<Long> sponsorsOf(Collection<Long> participantIds);

    @Query("""
            SELECT DISTINCT p.id FROM person p JOIN coach_assignment c ON c.coach_id = p.id
            WHERE c.ends_on IS NULL AND c.participant_id IN (:participantIds) AND""" + CURRENT + "ORDER BY p.id")
    List<Long> coachesOf(Collection<Long> participantIds);

    /** The organisations current participants work for, to choose from. */
    @Query("SELECT DISTINCT p.organisation FROM person p WHERE p.role = 'PARTICIPANT' AND p.organisation IS NOT NULL AND"
            + CURRENT + "ORDER BY p.organisation")
    List<String> participantOrganisations();
}
