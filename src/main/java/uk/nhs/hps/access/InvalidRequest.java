package uk.nhs.hps.access;

/** A request with a bad value (unknown time zone, end before start, ...); nothing was changed. */
public class InvalidRequest extends RuntimeException {
    public InvalidRequest(String message) {
        super(message);
    }
}
