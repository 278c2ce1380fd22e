package uk.nhs.hps.roster;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface RosterUploadRepository extends CrudRepository<RosterUpload, Long> {

    /** Moves an upload from one status to another only if it is still in the first: 1 for the one caller that won. */
    @Query("UPDATE roster_upload SET status = :to WHERE id = :id AND uploaded_by = :uploadedBy AND status = :from")
    int moveStatus(Long id, Long uploadedBy, RosterUpload.Status from, RosterUpload.Status to);

    /** PENDING to COMMITTING under a new lease, for the one caller that wins; 0 for everyone else. */
    @Query("UPDATE roster_upload SET status = 'COMMITTING', claim_token = :token, lease_until = :leaseUntil"
            + " WHERE id = :id AND uploaded_by = :uploadedBy AND status = 'PENDING'")
    int claim(Long id, Long uploadedBy, String token, Instant leaseUntil);

    /** Extends the lease of a claim that still holds it; 0 when the claim was recovered by another instance. */
    @Query("UPDATE roster_upload SET lease_until = :leaseUntil WHERE id = :id AND status = 'COMMITTING' AND claim_token = :token")
    int renew(Long id, String token, Instant leaseUntil);

    /** The import's last write, in its own transaction: 0 when the claim was lost, so the import rolls back. */
    @Query("UPDATE roster_upload SET status = 'COMMITTED', content = NULL, finished_at = :at, lease_until = NULL"
            + " WHERE id = :id AND status = 'COMMITTING' AND claim_token = :token")
    int commitClaim(Long id, String token, Instant at);

    /** An import that failed or lost a race: back to PENDING, if this claim still holds it. */
    @Query("UPDATE roster_upload SET status = 'PENDING', claim_token = NULL, lease_until = NULL"
            + " WHERE id = :id AND status = 'COMMITTING' AND claim_token = :token")
    int releaseClaim(Long id, String token);

    /** Ends a claim whose lease ran out (its service stopped): 1 for the one instance that recovers it. */
    @Query("UPDATE roster_upload SET status = 'FAILED', content = NULL, finished_at = :at, claim_token = NULL,"
            + " lease_until = NULL, failure = :failure"
            + " WHERE id = :id AND status = 'COMMITTING' AND (lease_until IS NULL OR lease_until < :at)")
    int recoverExpired(Long id, Instant at, String failure);

    List<RosterUpload> findByStatus(RosterUpload.Status status);
}
