package uk.nhs.hps.broadcast;

import jakarta.inject.Singleton;
import uk.nhs.hps.delivery.CampaignOwners;

import java.util.Optional;

/** The composer of an announcement's campaign ({@code announcement:<id>}). */
@Singleton
class AnnouncementOwners implements CampaignOwners {

    private static final String PREFIX = "announcement:";

    private final AnnouncementRepository announcements;

    AnnouncementOwners(AnnouncementRepository announcements) {
        this.announcements = announcements;
    }

    @Override
    public Optional<Long> composerOf(String campaign) {
        if (campaign == null || !campaign.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(campaign.substring(PREFIX.length()));
            return announcements.findById(id).map(Announcement::createdBy);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
