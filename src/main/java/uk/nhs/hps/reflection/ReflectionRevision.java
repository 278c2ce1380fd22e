package uk.nhs.hps.reflection;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import io.micronaut.data.annotation.MappedProperty;
import uk.nhs.hps.people.CareerTransition;

import java.time.Instant;
import java.time.LocalDate;

/** An earlier version of an entry, kept when the entry is edited. */
@MappedEntity("reflection_revision")
record ReflectionRevision(
        @Id @GeneratedValue @Nullable Long id,
        long entryId,
        long personId,
        int revision,
        String template,
        String title,
        LocalDate experiencedOn,
        String answers,
        String dimensions,
        String learningSource,
        @Nullable String assignment,
        boolean sharedWithSponsor,
        Instant replacedAt,
        String areas,
        String keyExperiences,
        @MappedProperty("career_transition") @Nullable CareerTransition transition,
        @Nullable String indicator) {

    static ReflectionRevision of(ReflectionEntry e, int revision, Instant now) {
        return new ReflectionRevision(null, e.id(), e.personId(), revision, e.template(), e.title(), e.experiencedOn(),
                e.answers(), e.dimensions(), e.learningSource(), e.assignment(), e.sharedWithSponsor(), now, e.areas(),
                e.keyExperiences(), e.transition(), e.indicator());
    }
}
