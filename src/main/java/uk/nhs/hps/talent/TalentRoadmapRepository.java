package uk.nhs.hps.talent;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface TalentRoadmapRepository extends CrudRepository<TalentRoadmap, Long> {

    Optional<TalentRoadmap> findByParticipantPersonIdAndCycle(long participantPersonId, String cycle);
}
