package uk.nhs.hps.people;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SponsorshipRepository extends CrudRepository<Sponsorship, Long> {
    List<Sponsorship> findByParticipantIdOrderByStartsOn(Long participantId);

    List<Sponsorship> findBySponsorIdAndEndsOnIsNull(Long sponsorId);

    List<Sponsorship> findByEndsOnIsNull();

    boolean existsByParticipantIdAndSponsorIdAndEndsOnIsNull(Long participantId, Long sponsorId);
}
