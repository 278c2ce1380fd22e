package uk.nhs.hps.talent;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface TalentGridVersionRepository extends CrudRepository<TalentGridVersion, Long> {

    Optional<TalentGridVersion> findByVersion(String version);

    /** Newest first. */
    List<TalentGridVersion> findByBasedOnOrderByIdDesc(String basedOn);

    List<TalentGridVersion> findByIdGreaterThanOrderById(long id);
}
