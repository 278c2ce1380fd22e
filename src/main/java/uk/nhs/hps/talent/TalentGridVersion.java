package uk.nhs.hps.talent;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A version of the 9-box grid the programme team saved: the whole definition as JSON, never changed afterwards. */
@MappedEntity("talent_grid_version")
record TalentGridVersion(@Id @GeneratedValue @Nullable Long id, String version, String basedOn, String source,
                         String definition, String reason, String createdBy, Instant createdAt) {
}
