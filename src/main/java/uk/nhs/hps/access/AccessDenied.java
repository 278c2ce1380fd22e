package uk.nhs.hps.access;

/** Thrown by {@link Access#require}; the message is safe to show to the person who asked. */
public class AccessDenied extends RuntimeException {
    public AccessDenied(String message) {
        super(message);
    }
}
