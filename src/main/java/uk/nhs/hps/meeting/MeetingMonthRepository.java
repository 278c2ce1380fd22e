package uk.nhs.hps.meeting;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface MeetingMonthRepository extends CrudRepository<MeetingMonth, Long> {
    Optional<MeetingMonth> findBySponsorshipIdAndMonthStart(Long sponsorshipId, LocalDate monthStart);

    List<MeetingMonth> findByParticipantIdOrderByMonthStartDesc(Long participantId);

    List<MeetingMonth> findBySponsorIdOrderByMonthStartDesc(Long sponsorId);

    List<MeetingMonth> findByMonthStart(LocalDate monthStart);
}
