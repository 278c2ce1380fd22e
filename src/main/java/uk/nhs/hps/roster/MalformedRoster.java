package uk.nhs.hps.roster;

import uk.nhs.hps.access.InvalidRequest;

/** The file as a whole cannot be read as a roster (not CSV, missing columns, too many rows); nothing is imported. */
public class MalformedRoster extends InvalidRequest {
    public MalformedRoster(String message) {
        super(message);
    }
}
