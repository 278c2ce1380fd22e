package uk.nhs.hps.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * One line of the audit log: who ({@code actor}: "person:&lt;id&gt;" or a system name, never an e-mail), did
 * what, to whose data, when, and why.
 */
@Serdeable
@MappedEntity("audit_event")
public record AuditEvent(
        @Id @GeneratedValue @Nullable Long id,
        Instant occurredAt,
        String actor,
        String action,
        @Nullable Long subjectPersonId,
        @Nullable String detail,
        @Nullable String correlationId) {
}
