package uk.nhs.hps.roster;

/** The file as a whole cannot be read as a roster (not CSV, missing columns, too many rows); nothing is imported. */
public class MalformedRoster extends RuntimeException {
    public MalformedRoster(String message) {
        super(message);
    }
}
