package uk.nhs.hps.access;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProgrammeTeamRepository extends CrudRepository<ProgrammeTeamMember, Long> {

    /**
     * Locks every membership row until the transaction ends, so two removals (or a removal and a status change)
     * cannot each see "someone else is still on the team" and together leave nobody.
     */
    @Query("SELECT person_id FROM programme_team_member ORDER BY person_id FOR UPDATE")
    List<Long> lockMembers();
}
