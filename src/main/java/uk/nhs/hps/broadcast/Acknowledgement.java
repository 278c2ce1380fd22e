package uk.nhs.hps.broadcast;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;

@MappedEntity("announcement_ack")
record Acknowledgement(@Id @GeneratedValue @Nullable Long id, Long announcementId, Long personId, Instant acknowledgedAt) {

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Repository extends GenericRepository<Acknowledgement, Long> {
        @Query("""
                INSERT INTO announcement_ack (announcement_id, person_id, acknowledged_at)
                VALUES (:announcementId, :personId, :at) ON CONFLICT DO NOTHING""")
        int insertIfAbsent(long announcementId, long personId, Instant at);

        long countByAnnouncementId(Long announcementId);

        List<Acknowledgement> findByAnnouncementId(Long announcementId);

        boolean existsByAnnouncementIdAndPersonId(Long announcementId, Long personId);
    }
}
