package uk.nhs.hps.audit;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

/** Insert and read only: the audit log has no update or delete, by construction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuditEvents extends GenericRepository<AuditEvent, Long> {
    AuditEvent save(AuditEvent event);

    List<AuditEvent> findBySubjectPersonIdOrderByOccurredAt(Long subjectPersonId);

    List<AuditEvent> findByActorOrderByOccurredAt(String actor);

    @Query("SELECT * FROM audit_event ORDER BY id DESC LIMIT :limit")
    List<AuditEvent> latest(int limit);
}
