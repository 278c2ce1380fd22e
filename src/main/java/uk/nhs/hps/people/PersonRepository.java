package uk.nhs.hps.people;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PersonRepository extends CrudRepository<Person, Long> {
    Optional<Person> findByEmail(String email);

    Optional<Person> findByAadObjectId(String aadObjectId);

    List<Person> findByCohortId(Long cohortId);

    /**
     * Binds an Entra object id to a person who has none yet; 0 when someone is already bound, so an address
     * can bind a person only once and two racing first sign-ins cannot overwrite each other.
     */
    @Query("UPDATE person SET aad_object_id = :aadObjectId, updated_at = :now WHERE id = :id AND aad_object_id IS NULL")
    int bindAadObjectId(Long id, String aadObjectId, java.time.Instant now);

    List<Person> findByIdIn(java.util.Collection<Long> ids);

    /** People whose name or e-mail contains the text (case-insensitive), anonymised people excluded. */
    @Query(value = "SELECT * FROM person WHERE anonymised_at IS NULL AND (LOWER(display_name) LIKE :pattern OR email LIKE :pattern)"
            + " ORDER BY display_name, id LIMIT :limit OFFSET :offset")
    List<Person> search(String pattern, int limit, int offset);
}
