package uk.nhs.hps.people;

/** Where a person is on the scheme. Paused covers maternity, adoption, paternity and sick leave. */
public enum PersonStatus {
    ACTIVE,
    PAUSED,
    LEFT
}
