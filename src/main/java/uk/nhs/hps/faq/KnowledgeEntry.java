package uk.nhs.hps.faq;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One FAQ entry as the matcher and the knowledge-base file see it.
 *
 * @param alternatives other ways people ask the same question; matched like the question itself
 * @param source       where the answer comes from (seed document and section, or who wrote it)
 * @param topics       the evaluation topics this entry answers (its own id when none are given): the benchmark
 *                     counts a direct answer as right when one of them is a topic the question is about
 */
public record KnowledgeEntry(
        String id,
        String category,
        String question,
        List<String> alternatives,
        String answer,
        String source,
        boolean enabled,
        Instant updatedAt,
        List<String> topics) {

    public KnowledgeEntry(String id, String category, String question, List<String> alternatives, String answer,
                          String source, boolean enabled, Instant updatedAt) {
        this(id, category, question, alternatives, answer, source, enabled, updatedAt, null);
    }

    public KnowledgeEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        category = category == null ? "General" : category;
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
        source = source == null ? "" : source;
        updatedAt = updatedAt == null ? Instant.EPOCH : updatedAt;
        topics = topics == null || topics.isEmpty() ? List.of(id) : List.copyOf(topics);
    }

    /** The same entry with other text, as the programme team edits it. */
    public KnowledgeEntry withUpdatedAt(Instant at) {
        return new KnowledgeEntry(id, category, question, alternatives, answer, source, enabled, at, topics);
    }

    /** The question followed by every alternative phrasing. */
    public List<String> phrasings() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(question), alternatives.stream()).toList();
    }
}
