package uk.nhs.hps.delivery;

import java.time.Instant;

/**
 * Asked at the start of every dispatch pass, before anything due at {@code now} is claimed, so a feature can set its
 * campaigns' due messages aside ({@link Outbox#hold}) instead of letting them go; implemented by the feature.
 */
public interface DueCampaigns {

    void beforeDispatch(Instant now);
}
