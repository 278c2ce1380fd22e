package uk.nhs.hps.broadcast;

import uk.nhs.hps.access.InvalidRequest;

/** Bad input in one part of an announcement: {@code field} names that part, so a form can point at it. */
public class InvalidAnnouncement extends InvalidRequest {

    private final String field;

    public InvalidAnnouncement(String field, String message) {
        super(message);
        this.field = field;
    }

    /** title, body, imageUrl, linkTitle, linkUrl, audience or sendAt. */
    public String field() {
        return field;
    }
}
