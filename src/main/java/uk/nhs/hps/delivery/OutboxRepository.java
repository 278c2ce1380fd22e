package uk.nhs.hps.delivery;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface OutboxRepository extends CrudRepository<OutboundMessage, Long> {

    Optional<OutboundMessage> findByIdempotencyKey(String idempotencyKey);

    @Query("SELECT id FROM outbound_message WHERE status = 'PENDING' AND not_before <= :now ORDER BY not_before, id LIMIT :limit")
    List<Long> findDueIds(Instant now, int limit);

    /**
     * Claims the given messages for one dispatcher. The status check makes the claim safe when several
     * dispatchers race for the same rows: a row can only move from PENDING once.
     */
    @Query("""
            UPDATE outbound_message SET status = 'CLAIMED', claim_token = :token, lease_until = :leaseUntil, updated_at = :now
            WHERE id IN (:ids) AND status = 'PENDING'""")
    int claim(java.util.Collection<Long> ids, String token, Instant now, Instant leaseUntil);

    List<OutboundMessage> findByClaimTokenAndStatus(String claimToken, OutboundStatus status);

    @Query("UPDATE outbound_message SET status = 'SENDING', attempts = attempts + 1, updated_at = :now WHERE id = :id AND status = 'CLAIMED' AND claim_token = :token")
    int markSending(long id, String token, Instant now);

    @Query("""
            UPDATE outbound_message SET status = 'SENT', conversation_id = :conversationId, activity_id = :activityId,
                   last_error = NULL, claim_token = NULL, lease_until = NULL, sent_at = :now, updated_at = :now
            WHERE id = :id AND status = 'SENDING'""")
    int markSent(long id, @Nullable String conversationId, @Nullable String activityId, Instant now);

    @Query("""
            UPDATE outbound_message SET status = :status, last_error = :error, claim_token = NULL, lease_until = NULL,
                   updated_at = :now WHERE id = :id AND status IN ('SENDING', 'CLAIMED')""")
    int markFinished(long id, OutboundStatus status, @Nullable String error, Instant now);

    @Query("""
            UPDATE outbound_message SET status = 'PENDING', not_before = :notBefore, last_error = :error,
                   claim_token = NULL, lease_until = NULL, updated_at = :now WHERE id = :id AND status IN ('SENDING', 'CLAIMED')""")
    int markRetry(long id, Instant notBefore, @Nullable String error, Instant now);

    /** Claimed but never attempted: nothing was written, so handing them back cannot duplicate. */
    @Query("UPDATE outbound_message SET status = 'PENDING', claim_token = NULL, lease_until = NULL, updated_at = :now WHERE status = 'CLAIMED' AND lease_until < :now")
    int releaseExpiredClaims(Instant now);

    /** Attempted by a dispatcher that vanished mid-request: the outcome cannot be known. */
    @Query("""
            UPDATE outbound_message SET status = 'UNKNOWN', last_error = 'The sender stopped while this message was in flight; it may or may not have arrived.',
                   claim_token = NULL, lease_until = NULL, updated_at = :now WHERE status = 'SENDING' AND lease_until < :now""")
    int markExpiredSendsUnknown(Instant now);

    @Query("UPDATE outbound_message SET status = 'CANCELLED', updated_at = :now WHERE campaign = :campaign AND status IN ('PENDING', 'HELD')")
    int cancelPending(String campaign, Instant now);

    @Query("UPDATE outbound_message SET status = 'HELD', updated_at = :now WHERE campaign = :campaign AND status = 'PENDING'")
    int hold(String campaign, Instant now);

    @Query("UPDATE outbound_message SET status = 'PENDING', not_before = :now, updated_at = :now WHERE campaign = :campaign AND status = 'HELD'")
    int release(String campaign, Instant now);

    long countByStatus(OutboundStatus status);

    long countByStatusIn(java.util.Collection<OutboundStatus> statuses);

    List<OutboundMessage> findByCampaign(String campaign);

    List<String> findIdempotencyKeyByCampaignIn(java.util.Collection<String> campaigns);
}
