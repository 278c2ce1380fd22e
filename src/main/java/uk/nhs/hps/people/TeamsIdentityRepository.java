package uk.nhs.hps.people;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TeamsIdentityRepository extends CrudRepository<TeamsIdentity, Long> {
    Optional<TeamsIdentity> findByTeamsUserId(String teamsUserId);

    List<TeamsIdentity> findByPersonId(Long personId);

    Optional<TeamsIdentity> findFirstByPersonIdOrderByLastSeenAtDesc(Long personId);

    Optional<TeamsIdentity> findFirstByAadObjectIdOrderByLastSeenAtDesc(String aadObjectId);

    /**
     * Inserts the identity unless one with this Teams user id exists, in one statement: two turns racing for a
     * new user (Teams sends installationUpdate and conversationUpdate together) both succeed, one inserting.
     */
    @Query("""
            INSERT INTO teams_identity (teams_user_id, aad_object_id, tenant_id, display_name, email, person_id,
                                        service_url, conversation_id, conversation_reference, first_seen_at, last_seen_at)
            VALUES (:teamsUserId, :aadObjectId, :tenantId, :displayName, :email, :personId,
                    :serviceUrl, :conversationId, :conversationReference, :seenAt, :seenAt)
            ON CONFLICT DO NOTHING""")
    int insertIfAbsent(String teamsUserId, @Nullable String aadObjectId, @Nullable String tenantId,
                       @Nullable String displayName, @Nullable String email, @Nullable Long personId, String serviceUrl,
                       String conversationId, String conversationReference, Instant seenAt);
}
