package uk.nhs.hps.roster;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PersonRepository extends CrudRepository<Person, Long> {
    Optional<Person> findByEmail(String email);

    Optional<Person> findByAadObjectId(String aadObjectId);
}
