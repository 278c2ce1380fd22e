package uk.nhs.hps.talent;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;

/**
 * What the participant's current coach adds to the development roadmap of one cycle's career conversation:
 * development actions ({@code actions}, the same fields as the agreed outcome's: {@code action<n>Text}, {@code Type},
 * {@code Owner}, {@code Due}) and a note. Apart from {@link TalentReview}, so the coach's rights reach only this.
 */
@MappedEntity("talent_roadmap")
record TalentRoadmap(
        @Id @GeneratedValue @Nullable Long id,
        long participantPersonId,
        String cycle,
        String actions,
        @Nullable String coachNote,
        @Nullable Long updatedBy,
        @Version @Nullable Integer version,
        Instant createdAt,
        Instant updatedAt) {

    static TalentRoadmap start(long participantId, String cycle, Instant now) {
        return new TalentRoadmap(null, participantId, cycle, "{}", null, null, null, now, now);
    }

    TalentRoadmap written(String actions, @Nullable String note, long by, Instant now) {
        return new TalentRoadmap(id, participantPersonId, cycle, actions, note, by, version, createdAt, now);
    }
}
