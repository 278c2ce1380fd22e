package uk.nhs.hps.privacy;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * What an erasure changed, table by table. {@code unhandled} lists non-nullable text columns of tables
 * about people that no eraser claims: a new feature must add a {@link PersonalDataEraser} for them.
 */
@Serdeable
public record ErasureReport(long personId, Map<String, Integer> rowsChanged, List<String> unhandled) {
}
