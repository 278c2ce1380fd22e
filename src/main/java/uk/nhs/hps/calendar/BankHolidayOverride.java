package uk.nhs.hps.calendar;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;

/** A programme-team edit to the shipped bank holidays: {@code holiday} true adds the day, false removes it. */
@MappedEntity("bank_holiday_override")
record BankHolidayOverride(@Id LocalDate holidayOn, String name, boolean holiday, String changedBy, Instant changedAt) {
}
