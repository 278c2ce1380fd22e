package uk.nhs.hps.roster;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProgrammeTeamRepository extends CrudRepository<ProgrammeTeamMember, Long> {
}
