package uk.nhs.hps.reflection;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.Version;

import uk.nhs.hps.people.CareerTransition;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One reflective log entry. {@code answers} is a JSON object of template step key to text;
 * {@code dimensions} the Healthcare Leadership Model keys, comma-separated. {@code areas} are 000's areas and
 * {@code keyExperiences} key experiences of {@code transition} (both keys, comma-separated); {@code indicator} is
 * the indicator of potential (002) the entry is evidence for, if any.
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
        @Nullable Instant deletedAt,
        String areas,
        String keyExperiences,
        @MappedProperty("career_transition") @Nullable CareerTransition transition,
        @Nullable String indicator) {

    java.util.List<String> dimensionKeys() {
        return keys(dimensions);
    }

    java.util.List<String> areaKeys() {
        return keys(areas);
    }

    java.util.List<String> keyExperienceKeys() {
        return keys(keyExperiences);
    }

    private static java.util.List<String> keys(String joined) {
        return joined == null || joined.isBlank() ? java.util.List.of() : java.util.List.of(joined.split(","));
    }

    ReflectionEntry deleted(@Nullable Instant when) {
        return new ReflectionEntry(id, personId, template, title, experiencedOn, answers, dimensions, learningSource,
                assignment, sharedWithSponsor, submissionKey, version, createdAt, updatedAt, when, areas, keyExperiences,
                transition, indicator);
    }
}
