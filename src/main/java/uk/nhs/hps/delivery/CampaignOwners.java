package uk.nhs.hps.delivery;

import java.util.Optional;

/** Who composed a campaign (an announcement), so they hear who it could not reach; implemented by its feature. */
public interface CampaignOwners {

    Optional<Long> composerOf(String campaign);
}
