package uk.nhs.hps.people;

/** A person's part in the scheme. */
public enum Role {
    PARTICIPANT,
    SPONSOR,
    COACH,
    PROGRAMME_TEAM
}
