package uk.nhs.hps.access;

/** A request that would leave the roster inconsistent; nothing was changed. */
public class Conflict extends RuntimeException {
    public Conflict(String message) {
        super(message);
    }
}
