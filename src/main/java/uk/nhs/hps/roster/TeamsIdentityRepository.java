package uk.nhs.hps.roster;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TeamsIdentityRepository extends CrudRepository<TeamsIdentity, Long> {
    Optional<TeamsIdentity> findByTeamsUserId(String teamsUserId);

    List<TeamsIdentity> findByPersonId(Long personId);

    Optional<TeamsIdentity> findFirstByPersonIdOrderByLastSeenAtDesc(Long personId);

    Optional<TeamsIdentity> findFirstByAadObjectIdOrderByLastSeenAtDesc(String aadObjectId);
}
