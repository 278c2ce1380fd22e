package uk.nhs.hps.access;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configurable part of the policy: what coaches may see. */
class AccessPolicyTest {

    @Test
    void coachesCanBeGivenTalentInputs() {
        AccessPolicy policy = new AccessPolicy(EnumSet.of(Action.VIEW_TALENT_INPUTS));

        assertThat(policy.allows(Set.of(Relation.CURRENT_COACH), Action.VIEW_TALENT_INPUTS)).isTrue();
        assertThat(policy.allows(Set.of(Relation.CURRENT_COACH), Action.VIEW_PROFILE)).isFalse();
    }

    @Test
    void coachesCanBeGivenNothing() {
        AccessPolicy policy = new AccessPolicy(EnumSet.noneOf(Action.class));

        assertThat(EnumSet.allOf(Action.class)).noneMatch(a -> policy.allows(Set.of(Relation.CURRENT_COACH), a));
    }

    @Test
    void coachesCanNeverBeGivenPrivateReflections() {
        assertThatThrownBy(() -> new AccessPolicy(EnumSet.of(Action.VIEW_PRIVATE_REFLECTIONS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VIEW_PRIVATE_REFLECTIONS");
    }

    @Test
    void anyRelationThatAllowsIsEnough() {
        AccessPolicy policy = new AccessPolicy(EnumSet.noneOf(Action.class));

        assertThat(policy.allows(Set.of(Relation.FORMER_SPONSOR, Relation.PROGRAMME_TEAM), Action.VIEW_PROFILE)).isTrue();
    }
}
