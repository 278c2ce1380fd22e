package uk.nhs.hps.talent;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface TalentReviewRepository extends CrudRepository<TalentReview, Long> {

    Optional<TalentReview> findByParticipantPersonIdAndCycle(long participantPersonId, String cycle);

    List<TalentReview> findByParticipantPersonIdOrderByCycle(long participantPersonId);

    List<TalentReview> findByCycle(String cycle);
}
