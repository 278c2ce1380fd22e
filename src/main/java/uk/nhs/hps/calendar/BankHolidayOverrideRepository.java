package uk.nhs.hps.calendar;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.LocalDate;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface BankHolidayOverrideRepository extends CrudRepository<BankHolidayOverride, LocalDate> {
}
