package uk.nhs.hps.broadcast;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AnnouncementRepository extends CrudRepository<Announcement, Long> {
    List<Announcement> findAllOrderByCreatedAtDesc();

    /** Scheduled announcements due by {@code now} with copies still waiting in the outbox. */
    @Query("""
            SELECT a.* FROM announcement a WHERE a.status = 'SCHEDULED' AND a.send_at <= :now AND EXISTS (
              SELECT 1 FROM outbound_message m WHERE m.campaign = CONCAT('announcement:', CAST(a.id AS VARCHAR(20)))
              AND m.status = 'PENDING')""")
    List<Announcement> findDueWithCopiesWaiting(Instant now);

    /** Moves an announcement between statuses only if it is still in the first: 1 for the one caller that won. */
    @Query("UPDATE announcement SET status = :to, send_at = :sendAt, updated_at = :now WHERE id = :id AND status = :from")
    int moveStatus(Long id, Announcement.Status from, Announcement.Status to, Instant sendAt, Instant now);
}
