package uk.nhs.hps.reflection;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One reflective log entry. {@code answers} is a JSON object of template step key to text;
 * {@code dimensions} the Healthcare Leadership Model keys, comma-separated.
 */
@MappedEntity("reflection_entry")
record ReflectionEntry(
        @Id @GeneratedValue @Nullable Long id,
        long personId,
        String template,
        String title,
        LocalDate experiencedOn,
        String answers,
        String dimensions,
        String learningSource,
        @Nullable String assignment,
        boolean sharedWithSponsor,
        @Nullable String submissionKey,
        @Version @Nullable Integer version,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant deletedAt) {

    java.util.List<String> dimensionKeys() {
        return dimensions.isBlank() ? java.util.List.of() : java.util.List.of(dimensions.split(","));
    }

    ReflectionEntry deleted(@Nullable Instant when) {
        return new ReflectionEntry(id, personId, template, title, experiencedOn, answers, dimensions, learningSource,
                assignment, sharedWithSponsor, submissionKey, version, createdAt, updatedAt, when);
    }
}
