package uk.nhs.hps.broadcast;

import jakarta.inject.Singleton;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.conversation.CardTemplates;
import uk.nhs.hps.conversation.Markdown;
import uk.nhs.hps.conversation.Reply;

import java.util.HashMap;
import java.util.Map;

/** The announcement as a recipient sees it, before and after acknowledging. */
@Singleton
class AnnouncementCards {

    private final CardTemplates templates;

    AnnouncementCards(CardTemplates templates) {
        this.templates = templates;
    }

    Reply forRecipient(long announcementId, Announcement.Content content, boolean acknowledged, String footer) {
        Map<String, Object> data = new HashMap<>();
        data.put("id", announcementId);
        // the programme team's own announcement: its Markdown renders (everything else on cards is plain text)
        data.put("title", Markdown.of(content.title()));
        data.put("body", Markdown.of(content.body()));
        data.put("hasImage", content.imageUrl() != null);
        data.put("imageUrl", content.imageUrl());
        data.put("hasLink", content.linkUrl() != null);
        data.put("linkTitle", content.linkTitle() == null ? "Open link" : content.linkTitle());
        data.put("linkUrl", content.linkUrl());
        data.put("showAcknowledge", content.askAcknowledgement() && !acknowledged);
        data.put("acknowledged", acknowledged);
        data.put("footer", footer);
        try {
            return Reply.card(templates.render("announcement", data));
        } catch (IllegalArgumentException tooLarge) {
            throw new InvalidAnnouncement("body", "The announcement is too long: Teams messages must stay under 80 KB. Shorten the text.");
        }
    }

    Reply forRecipient(long announcementId, Announcement.Content content) {
        return forRecipient(announcementId, content, false, "From the High Potential Scheme programme team");
    }
}
