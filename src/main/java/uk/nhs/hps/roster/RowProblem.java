package uk.nhs.hps.roster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Why a row of a roster file cannot be imported. {@code line} is the file line the row starts on. */
@Serdeable
public record RowProblem(long line, @Nullable String email, String reason) {
}
