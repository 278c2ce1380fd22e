package uk.nhs.hps.people;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CohortRepository extends CrudRepository<Cohort, Long> {
    Optional<Cohort> findByNameKey(String nameKey);

    List<Cohort> listOrderByStartsOn();
}
