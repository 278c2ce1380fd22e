package uk.nhs.hps.access;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code access.*}: what a coach may see of their coachees (ROSTER_COACH_MAY_SEE, comma-separated actions). */
@ConfigurationProperties("access")
public record AccessSettings(@Nullable List<Action> coachMaySee) {

    Set<Action> coachActions() {
        if (coachMaySee == null) {
            return EnumSet.of(Action.VIEW_PROFILE, Action.VIEW_MEETING_STATUS, Action.VIEW_SHARED_REFLECTIONS);
        }
        return coachMaySee.isEmpty() ? EnumSet.noneOf(Action.class) : EnumSet.copyOf(coachMaySee);
    }
}
