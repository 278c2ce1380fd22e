package uk.nhs.hps.access;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code access.*}: what a coach may see of their coachees (ACCESS_COACH_MAY_SEE, comma-separated actions). */
@ConfigurationProperties("access")
public record AccessSettings(
        @Bindable(defaultValue = "VIEW_PROFILE,VIEW_MEETING_STATUS,VIEW_SHARED_REFLECTIONS,VIEW_TALENT_ROADMAP,EDIT_TALENT_ROADMAP") List<Action> coachMaySee) {

    Set<Action> coachActions() {
        return coachMaySee.isEmpty() ? EnumSet.noneOf(Action.class) : EnumSet.copyOf(coachMaySee);
    }
}
