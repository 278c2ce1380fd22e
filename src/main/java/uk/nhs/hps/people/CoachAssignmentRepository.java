package uk.nhs.hps.people;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CoachAssignmentRepository extends CrudRepository<CoachAssignment, Long> {
    List<CoachAssignment> findByParticipantIdOrderByStartsOn(Long participantId);

    List<CoachAssignment> findByEndsOnIsNull();

    boolean existsByParticipantIdAndCoachIdAndEndsOnIsNull(Long participantId, Long coachId);
}
