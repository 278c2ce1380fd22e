package uk.nhs.hps.faq;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The FAQ's tables (migration V20) and their repositories. */
final class FaqStore {

    private FaqStore() {
    }

    enum Origin { SHIPPED, PROGRAMME_TEAM, TICKET }

    enum TicketStatus { OPEN, ANSWERED, CLOSED }

    @MappedEntity("faq_entry")
    record EntryRow(@Id String id, String category, String question, String alternatives, String answer, String source,
                    String origin, boolean enabled, Instant updatedAt, String updatedBy, @Nullable String topics) {

        static EntryRow of(KnowledgeEntry e, Origin origin, String updatedBy) {
            return new EntryRow(e.id(), e.category(), e.question(), String.join("\n", e.alternatives()), e.answer(),
                    e.source(), origin.name(), e.enabled(), e.updatedAt(), updatedBy,
                    e.topics().equals(List.of(e.id())) ? "" : String.join(" ", e.topics()));
        }

        KnowledgeEntry toEntry() {
            List<String> alts = alternatives == null || alternatives.isBlank() ? List.of()
                    : Arrays.stream(alternatives.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            List<String> labels = topics == null || topics.isBlank() ? List.of() : List.of(topics.strip().split("\\s+"));
            return new KnowledgeEntry(id, category, question, alts, answer, source, enabled, updatedAt, labels);
        }

        EntryRow withEnabled(boolean on, Instant now, String by) {
            return new EntryRow(id, category, question, alternatives, answer, source, origin, on, now, by, topics);
        }
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Entries extends CrudRepository<EntryRow, String> {
        @Query("SELECT MAX(updated_at) FROM faq_entry")
        Optional<Instant> lastChange();
    }

    @MappedEntity("faq_import")
    record ImportRow(@Id @GeneratedValue @Nullable Long id, int kbVersion, int entryCount, Instant importedAt,
                     String importedBy) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Imports extends CrudRepository<ImportRow, Long> {
    }

    @MappedEntity("faq_query")
    record QueryRow(@Id @GeneratedValue @Nullable Long id, String teamsUserId, @Nullable Long personId, String question,
                    String normalised, String outcome, @Nullable String entryId, double confidence, Instant askedAt) {

        QueryRow picked(String entry) {
            return new QueryRow(id, teamsUserId, personId, question, normalised, "PICKED", entry, confidence, askedAt);
        }
    }

    /** A question the FAQ could not answer confidently, with how often it was asked. */
    @Serdeable
    record Gap(String normalised, long times, Instant lastAsked) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Queries extends CrudRepository<QueryRow, Long> {
        @Query("""
                SELECT normalised, COUNT(*) AS times, MAX(asked_at) AS last_asked FROM faq_query
                WHERE outcome IN ('SUGGEST', 'FALLBACK') GROUP BY normalised ORDER BY times DESC, last_asked DESC
                LIMIT :limit""")
        List<Gap> gaps(int limit);

        /** The same questions by the entry that came closest when each was asked, for grouping into clusters. */
        @Query("""
                SELECT entry_id, normalised, COUNT(*) AS times, MAX(asked_at) AS last_asked FROM faq_query
                WHERE outcome IN ('SUGGEST', 'FALLBACK') AND normalised <> '' GROUP BY entry_id, normalised
                ORDER BY times DESC, last_asked DESC LIMIT :limit""")
        List<NearGap> gapsByNearestEntry(int limit);
    }

    /** A gap with the FAQ entry that was the top candidate when it was asked (none when nothing came close). */
    @Serdeable
    record NearGap(@Nullable String entryId, String normalised, long times, Instant lastAsked) {
    }

    @MappedEntity("faq_feedback")
    record FeedbackRow(@Id @GeneratedValue @Nullable Long id, long queryId, String entryId, String question,
                       boolean helpful, Instant givenAt) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Feedback extends CrudRepository<FeedbackRow, Long> {
        Optional<FeedbackRow> findByQueryId(long queryId);
    }

    @MappedEntity("faq_ticket")
    record TicketRow(@Id @GeneratedValue @Nullable Long id, long queryId, String teamsUserId, @Nullable Long personId,
                     @Nullable String askerName, String question, String status, @Nullable String answer,
                     @Nullable Long answeredBy, Instant createdAt, @Nullable Instant answeredAt,
                     @Nullable String promotedEntryId) {

        TicketRow answered(String text, Long by, Instant now) {
            return new TicketRow(id, queryId, teamsUserId, personId, askerName, question, TicketStatus.ANSWERED.name(),
                    text, by, createdAt, now, promotedEntryId);
        }

        TicketRow closed(Long by, Instant now) {
            return new TicketRow(id, queryId, teamsUserId, personId, askerName, question, TicketStatus.CLOSED.name(),
                    answer, by, createdAt, now, promotedEntryId);
        }

        TicketRow promoted(String entryId) {
            return new TicketRow(id, queryId, teamsUserId, personId, askerName, question, status, answer, answeredBy,
                    createdAt, answeredAt, entryId);
        }
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Tickets extends CrudRepository<TicketRow, Long> {
        Optional<TicketRow> findByQueryId(long queryId);
    }
}
