package uk.nhs.hps.access;

/** An id that names nothing (or nothing any more). */
public class NotFound extends RuntimeException {
    public NotFound(String message) {
        super(message);
    }
}
