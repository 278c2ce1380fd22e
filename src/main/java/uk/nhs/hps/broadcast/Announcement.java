package uk.nhs.hps.broadcast;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("announcement")
public record Announcement(
        @Id @GeneratedValue @Nullable Long id,
        String title,
        String body,
        @Nullable String imageUrl,
        @Nullable String linkTitle,
        @Nullable String linkUrl,
        boolean askAcknowledgement,
        String audience,
        Status status,
        @Nullable Instant sendAt,
        String timeZone,
        @Nullable Long createdBy,
        Instant createdAt,
        Instant updatedAt,
        int revision) {

    /** HELD: it came due when its author was no longer on the programme team; a current member sends or cancels it. */
    public enum Status { DRAFT, SCHEDULED, SENT, CANCELLED, DELETED, HELD }

    public String campaign() {
        return "announcement:" + id;
    }

    Announcement withStatus(Status newStatus, @Nullable Instant when, Instant now) {
        return new Announcement(id, title, body, imageUrl, linkTitle, linkUrl, askAcknowledgement, audience, newStatus,
                when, timeZone, createdBy, createdAt, now, revision);
    }

    Announcement revised(Content content, Instant now) {
        return new Announcement(id, content.title(), content.body(), content.imageUrl(), content.linkTitle(),
                content.linkUrl(), content.askAcknowledgement(), audience, status, sendAt, timeZone, createdBy,
                createdAt, now, revision + 1);
    }

    Content content() {
        return new Content(title, body, imageUrl, linkTitle, linkUrl, askAcknowledgement);
    }

    /** What recipients see. */
    public record Content(String title, String body, @Nullable String imageUrl, @Nullable String linkTitle,
                          @Nullable String linkUrl, boolean askAcknowledgement) {
    }
}
