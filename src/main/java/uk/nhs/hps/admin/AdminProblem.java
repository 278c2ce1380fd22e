package uk.nhs.hps.admin;

import io.micronaut.serde.annotation.Serdeable;

/** The body of every admin API error: one sentence saying what was wrong. */
@Serdeable
public record AdminProblem(String error) {
}
