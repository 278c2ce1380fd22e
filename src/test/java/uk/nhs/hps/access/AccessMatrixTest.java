package uk.nhs.hps.access;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.CoachAssignment;
import uk.nhs.hps.people.CoachAssignmentRepository;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;
import uk.nhs.hps.support.BotTestBase;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.nhs.hps.access.Action.*;

/**
 * Every kind of actor × every action, against real relationships in the database: the whole access
 * policy as one table. An actor kind is how the acting person stands to the participant whose data it is.
 */
@MicronautTest(transactional = false)
class AccessMatrixTest extends BotTestBase {

    enum Actor { SELF, CURRENT_SPONSOR, FORMER_SPONSOR, CURRENT_COACH, FORMER_COACH, PROGRAMME_TEAM, UNRELATED, LEFT_THE_SCHEME, PAUSED_SELF }

    /** The table: what each actor may do. Everything not listed is refused. */
    static final Map<Actor, Set<Action>> ALLOWED = new EnumMap<>(Map.of(
            Actor.SELF, EnumSet.of(VIEW_PROFILE, VIEW_MEETING_STATUS, RECORD_MEETING, VIEW_PRIVATE_REFLECTIONS,
                    VIEW_SHARED_REFLECTIONS, VIEW_TALENT_INPUTS, EDIT_TALENT_INPUTS, VIEW_TALENT_PLACEMENTS, VIEW_TALENT_ROADMAP,
                    EXPORT_PERSONAL_DATA),
            Actor.PAUSED_SELF, EnumSet.of(VIEW_PROFILE, VIEW_MEETING_STATUS, RECORD_MEETING, VIEW_PRIVATE_REFLECTIONS,
                    VIEW_SHARED_REFLECTIONS, VIEW_TALENT_INPUTS, EDIT_TALENT_INPUTS, VIEW_TALENT_PLACEMENTS, VIEW_TALENT_ROADMAP,
                    EXPORT_PERSONAL_DATA),
            Actor.CURRENT_SPONSOR, EnumSet.of(VIEW_PROFILE, VIEW_MEETING_STATUS, RECORD_MEETING, VIEW_SHARED_REFLECTIONS,
                    VIEW_TALENT_INPUTS, EDIT_TALENT_INPUTS, VIEW_TALENT_PLACEMENTS),
            Actor.FORMER_SPONSOR, EnumSet.noneOf(Action.class),
            Actor.CURRENT_COACH, EnumSet.of(VIEW_PROFILE, VIEW_MEETING_STATUS, VIEW_SHARED_REFLECTIONS, VIEW_TALENT_ROADMAP,
                    EDIT_TALENT_ROADMAP),
            Actor.FORMER_COACH, EnumSet.noneOf(Action.class),
            Actor.PROGRAMME_TEAM, EnumSet.of(VIEW_PROFILE, VIEW_MEETING_STATUS, VIEW_TALENT_PLACEMENTS, MODERATE_TALENT,
                    EXPORT_PERSONAL_DATA, ERASE_PERSONAL_DATA,
                    CHANGE_STATUS, VIEW_COHORT_REPORTS, MANAGE_ROSTER, BROADCAST, MANAGE_FAQ, MANAGE_CALENDAR, MANAGE_TALENT_GRID,
                    VIEW_AUDIT_LOG),
            Actor.UNRELATED, EnumSet.noneOf(Action.class),
            Actor.LEFT_THE_SCHEME, EnumSet.noneOf(Action.class)));

    @Inject
    Access access;
    @Inject
    PersonRepository people;
    @Inject
    SponsorshipRepository sponsorships;
    @Inject
    CoachAssignmentRepository coaching;
    @Inject
    ProgrammeTeamRepository programmeTeam;
    @Inject
    AuditLog audit;

    private final Map<Actor, Long> actors = new EnumMap<>(Actor.class);
    private final Map<Actor, Long> subjects = new EnumMap<>(Actor.class);
    private long participant;

    @BeforeAll
    void seed() {
        participant = person("pat.participant", Role.PARTICIPANT, PersonStatus.ACTIVE);
        long sponsor = person("cs.sponsor", Role.SPONSOR, PersonStatus.ACTIVE);
        long former = person("fs.sponsor", Role.SPONSOR, PersonStatus.ACTIVE);
        long coach = person("cc.coach", Role.COACH, PersonStatus.ACTIVE);
        long formerCoach = person("fc.coach", Role.COACH, PersonStatus.ACTIVE);
        long team = person("pt.team", Role.PROGRAMME_TEAM, PersonStatus.ACTIVE);
        long stranger = person("un.related", Role.PARTICIPANT, PersonStatus.ACTIVE);
        long leaver = person("left.scheme", Role.PARTICIPANT, PersonStatus.LEFT);
        long paused = person("paused.self", Role.PARTICIPANT, PersonStatus.PAUSED);
        Instant now = Instant.now();
        sponsorships.save(new Sponsorship(null, participant, former, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 1), now));
        sponsorships.save(new Sponsorship(null, participant, sponsor, LocalDate.of(2026, 6, 1), null, now));
        coaching.save(new CoachAssignment(null, participant, formerCoach, LocalDate.of(2025, 9, 1), LocalDate.of(2026, 1, 1), now));
        coaching.save(new CoachAssignment(null, participant, coach, LocalDate.of(2026, 1, 1), null, now));
        programmeTeam.save(new ProgrammeTeamMember(team, now));
        actors.putAll(Map.of(Actor.SELF, participant, Actor.CURRENT_SPONSOR, sponsor, Actor.FORMER_SPONSOR, former,
                Actor.CURRENT_COACH, coach, Actor.FORMER_COACH, formerCoach, Actor.PROGRAMME_TEAM, team, Actor.UNRELATED, stranger,
                Actor.LEFT_THE_SCHEME, leaver, Actor.PAUSED_SELF, paused));
        for (Actor actor : Actor.values()) {
            subjects.put(actor, participant);
        }
        subjects.put(Actor.LEFT_THE_SCHEME, leaver);
        subjects.put(Actor.PAUSED_SELF, paused);
    }

    static Stream<Arguments> everyActorAndAction() {
        return Arrays.stream(Actor.values()).flatMap(actor -> Arrays.stream(Action.values())
                .map(action -> Arguments.of(actor, action, ALLOWED.get(actor).contains(action))));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("everyActorAndAction")
    void actorMayDoOnlyWhatTheTableAllows(Actor actor, Action action, boolean allowed) {
        Long subject = action.aboutAPerson() ? subjects.get(actor) : null;

        assertThat(access.may(actors.get(actor), action, subject)).isEqualTo(allowed);
    }

    @Test
    void tableCoversEveryActorKind() {
        assertThat(ALLOWED.keySet()).containsExactlyInAnyOrder(Actor.values());
    }

    @Test
    void sponsorReadingTheirParticipantsDataIsAuditedWithTheReason() {
        long sponsor = actors.get(Actor.CURRENT_SPONSOR);

        access.require(sponsor, VIEW_MEETING_STATUS, participant, "monthly meeting reminder");

        assertThat(audit.about(participant)).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("person:" + sponsor);
            assertThat(e.action()).isEqualTo(AuditLog.READ);
            assertThat(e.detail()).contains("VIEW_MEETING_STATUS").contains("monthly meeting reminder");
        });
    }

    @Test
    void refusalIsAuditedAndExplainsNothingAboutTheSubject() {
        long stranger = actors.get(Actor.UNRELATED);

        assertThatThrownBy(() -> access.require(stranger, VIEW_PRIVATE_REFLECTIONS, participant, "curious"))
                .isInstanceOf(AccessDenied.class).hasMessage("You don't have access to that.");
        assertThat(audit.by("person:" + stranger)).extracting(e -> e.action()).contains(AuditLog.DENIED);
    }

    @Test
    void unknownSubjectIsRefused() {
        assertThat(access.may(actors.get(Actor.PROGRAMME_TEAM), VIEW_PROFILE, 987_654L)).isFalse();
    }

    @Test
    void personActionWithoutSubjectIsRefused() {
        assertThat(access.may(participant, VIEW_PROFILE, null)).isFalse();
    }

    private long person(String local, Role role, PersonStatus status) {
        Instant now = Instant.now();
        return people.save(new Person(null, local + "@matrix.nhs.net", local, role, status, "Europe/London", null,
                null, null, null, status == PersonStatus.ACTIVE ? null : "test", null, null, null, now, now)).id();
    }
}
