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

    @Test
    void theDefaultCoachMayReadAndWriteTheRoadmapButNoOtherPartOfTheTalentRecord() {
        AccessPolicy policy = new AccessPolicy(new AccessSettings(java.util.List.of(Action.VIEW_PROFILE, Action.VIEW_MEETING_STATUS,
                Action.VIEW_SHARED_REFLECTIONS, Action.VIEW_TALENT_ROADMAP, Action.EDIT_TALENT_ROADMAP)).coachActions());

        assertThat(policy.allows(Set.of(Relation.CURRENT_COACH), Action.VIEW_TALENT_ROADMAP)).isTrue();
        assertThat(policy.allows(Set.of(Relation.CURRENT_COACH), Action.EDIT_TALENT_ROADMAP)).isTrue();
        assertThat(EnumSet.of(Action.VIEW_TALENT_INPUTS, Action.EDIT_TALENT_INPUTS, Action.VIEW_TALENT_PLACEMENTS,
                Action.VIEW_PRIVATE_REFLECTIONS)).noneMatch(a -> policy.allows(Set.of(Relation.CURRENT_COACH), a));
    }

    @Test
    void theRoadmapIsNotTheSponsorsNorTheProgrammeTeamsNorAFormerSponsorsToRead() {
        AccessPolicy policy = new AccessPolicy(EnumSet.of(Action.VIEW_TALENT_ROADMAP, Action.EDIT_TALENT_ROADMAP));

        assertThat(EnumSet.of(Relation.CURRENT_SPONSOR, Relation.FORMER_SPONSOR, Relation.PROGRAMME_TEAM, Relation.UNRELATED))
                .noneMatch(r -> policy.allows(Set.of(r), Action.VIEW_TALENT_ROADMAP) || policy.allows(Set.of(r), Action.EDIT_TALENT_ROADMAP));
    }

    @Test
    void theParticipantReadsTheirRoadmapButTheCoachWritesIt() {
        AccessPolicy policy = new AccessPolicy(EnumSet.of(Action.VIEW_TALENT_ROADMAP, Action.EDIT_TALENT_ROADMAP));

        assertThat(policy.allows(Set.of(Relation.SELF), Action.VIEW_TALENT_ROADMAP)).isTrue();
        assertThat(policy.allows(Set.of(Relation.SELF), Action.EDIT_TALENT_ROADMAP)).isFalse();
    }

    @Test
    void theProgrammeTeamCanSwitchTheCoachesRoadmapOff() {
        AccessPolicy policy = new AccessPolicy(EnumSet.of(Action.VIEW_PROFILE));

        assertThat(policy.allows(Set.of(Relation.CURRENT_COACH), Action.VIEW_TALENT_ROADMAP)).isFalse();
        assertThat(policy.allows(Set.of(Relation.CURRENT_COACH), Action.EDIT_TALENT_ROADMAP)).isFalse();
    }
}
