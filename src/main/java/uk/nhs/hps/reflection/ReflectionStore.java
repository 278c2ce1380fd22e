package uk.nhs.hps.reflection;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The reflective log's tables. */
final class ReflectionStore {

    private ReflectionStore() {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Entries extends CrudRepository<ReflectionEntry, Long> {

        @Query("SELECT * FROM reflection_entry WHERE person_id = :personId AND deleted_at IS NULL"
                + " ORDER BY experienced_on DESC, id DESC")
        List<ReflectionEntry> live(long personId);

        @Query("SELECT * FROM reflection_entry WHERE person_id = :personId AND deleted_at IS NOT NULL"
                + " AND deleted_at >= :since ORDER BY deleted_at DESC")
        List<ReflectionEntry> deletedSince(long personId, Instant since);

        @Query("SELECT MAX(created_at) FROM reflection_entry WHERE person_id = :personId AND deleted_at IS NULL")
        Optional<Instant> lastCreatedAt(long personId);

        @Query("SELECT COUNT(*) FROM reflection_entry WHERE person_id = :personId AND deleted_at IS NULL"
                + " AND created_at >= :from AND created_at < :to")
        long countCreatedBetween(long personId, Instant from, Instant to);

        Optional<ReflectionEntry> findByPersonIdAndSubmissionKey(long personId, String submissionKey);

        @Query("DELETE FROM reflection_entry WHERE deleted_at IS NOT NULL AND deleted_at < :before")
        int purgeDeletedBefore(Instant before);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Revisions extends CrudRepository<ReflectionRevision, Long> {

        List<ReflectionRevision> findByEntryIdOrderByRevision(long entryId);

        @Query("SELECT COUNT(*) FROM reflection_revision WHERE entry_id = :entryId")
        long countForEntry(long entryId);
    }
}
