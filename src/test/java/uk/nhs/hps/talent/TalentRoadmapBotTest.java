package uk.nhs.hps.talent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.CoachAssignment;
import uk.nhs.hps.people.CoachAssignmentRepository;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.RecordsTestBase;
import uk.nhs.hps.support.TestClock;
import uk.nhs.hps.support.TestUsers;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coach's part of the career conversation through /api/messages: the current coach reads the agreed development
 * actions and adds their own and a note; nothing else of the talent record reaches them; a non-coach and a former
 * coach are refused and the refusal is audited.
 */
@MicronautTest(transactional = false)
class TalentRoadmapBotTest extends RecordsTestBase {

    @Inject
    TalentReviewRepository reviews;
    @Inject
    TalentRoadmapRepository roadmaps;
    @Inject
    CoachAssignmentRepository coaching;
    @Inject
    TalentGrids grids;
    @Inject
    TestClock clock;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("hps.test.clock", "manual", "reflection.purge-enabled", "false");
    }

    record Trio(TestUsers.User participant, long participantId, TestUsers.User coach, long coachId, TestUsers.User sponsor) {
    }

    @Test
    void theCoachSeesTheAgreedActionsButNotThePlacementTheRatingsOrTheWellbeingNote() {
        Trio trio = agreedWithCoach();

        say(trio.coach(), "coaching roadmaps");
        press(trio.coach(), actionData(lastCard(trio.coach()), "Open " + trio.participant().name()));

        JsonNode card = lastCard(trio.coach());
        assertThat(cardId(card)).isEqualTo("talent-roadmap");
        assertThat(textOf(card)).contains("Development roadmap: Priya Participant", "Lead the winter planning cell",
                "experience-based learning", "due ");
        assertThat(card.toString()).doesNotContain("Struggling with sleep", "Seen at the quality committee",
                "Chief operating officer", grids.current().boxLabel("HIGH_MEDIUM"), "HIGH_MEDIUM");
    }

    @Test
    void eachReadByTheCoachIsAuditedAsAViewOfTheRoadmap() {
        Trio trio = agreedWithCoach();

        press(trio.coach(), Map.of("action", "talent.roadmap.open", "participantId", String.valueOf(trio.participantId())));

        assertThat(auditRows(trio.participantId())).contains(AuditLog.person(trio.coachId()) + " " + AuditLog.READ
                + " VIEW_TALENT_ROADMAP: coach reading development roadmap");
    }

    @Test
    void theCoachsFormIsAnExecuteFormReplacedByTheRoadmapItSaved() throws Exception {
        Trio trio = agreedWithCoach();
        press(trio.coach(), Map.of("action", "talent.roadmap.edit", "participantId", String.valueOf(trio.participantId())));
        JsonNode form = lastCard(trio.coach());
        JsonNode save = form.findParents("verb").stream().filter(a -> "talent.roadmap.save".equals(a.path("verb").asText()))
                .findFirst().orElseThrow();
        Map<String, Object> values = coachValues();
        save.path("data").fields().forEachRemaining(f -> values.put(f.getKey(), f.getValue().asText()));

        HttpResponse<String> answer = send(Activities.execute("talent.roadmap.save", node(values)).from(trio.coach()));

        assertThat(cardId(form)).isEqualTo("talent-roadmap-form");
        assertThat(save.path("type").asText()).isEqualTo("Action.Execute");
        JsonNode refreshed = new ObjectMapper().readTree(answer.body()).path("value");
        assertThat(cardId(refreshed)).isEqualTo("talent-roadmap");
        assertThat(textOf(refreshed)).contains("Shadow the chief operating officer at a board meeting", "developing relationships",
                "Agree two stretch goals before the next session");
        TalentRoadmap saved = roadmaps.findByParticipantPersonIdAndCycle(trio.participantId(), cycle()).orElseThrow();
        assertThat(saved.updatedBy()).isEqualTo(trio.coachId());
        assertThat(saved.coachNote()).isEqualTo("Agree two stretch goals before the next session");
    }

    @Test
    void theParticipantSeesWhatTheirCoachAddedWithoutAnEditButton() {
        Trio trio = agreedWithCoach();
        coachSaves(trio, coachValues());

        say(trio.participant(), "my roadmap");

        JsonNode card = lastCard(trio.participant());
        assertThat(textOf(card)).contains("Your development roadmap", "Lead the winter planning cell",
                "Shadow the chief operating officer at a board meeting", "Agree two stretch goals before the next session");
        assertThat(hasAction(card, RoadmapCards.EDIT)).isFalse();
    }

    @Test
    void anActionWithoutItsTypeOwnerAndDateIsNamedAndNothingIsSaved() {
        Trio trio = agreedWithCoach();
        Map<String, Object> values = coachValues();
        values.remove("action1Type");
        values.put("action1Due", "");

        coachSaves(trio, values);

        JsonNode card = lastCard(trio.coach());
        assertThat(cardId(card)).isEqualTo("talent-roadmap-form");
        assertThat(textOf(card)).contains("Action 1 type (70:20:10)** is required for each development action",
                "Action 1 due date** is required for each development action");
        assertThat(inputValue(card, "action1Text")).isEqualTo("Shadow the chief operating officer at a board meeting");
        assertThat(roadmaps.findByParticipantPersonIdAndCycle(trio.participantId(), cycle())).isEmpty();
    }

    @Test
    void aSecondSaveFromTheSameCardIsRefused() {
        Trio trio = agreedWithCoach();
        coachSaves(trio, coachValues());

        Map<String, Object> stale = coachValues();
        stale.put("coachNote", "Written in another window");
        coachSaves(trio, stale);

        assertThat(textOf(lastCard(trio.coach()))).contains("This roadmap changed since you opened it");
        assertThat(roadmaps.findByParticipantPersonIdAndCycle(trio.participantId(), cycle()).orElseThrow().coachNote())
                .isEqualTo("Agree two stretch goals before the next session");
    }

    @Test
    void someoneWhoIsNotTheCoachIsRefusedAndTheRefusalIsAudited() {
        Trio trio = agreedWithCoach();
        TestUsers.User other = newUser("Olu Othercoach");
        long otherId = onRoster(other, Role.COACH, null);

        press(other, Map.of("action", "talent.roadmap.open", "participantId", String.valueOf(trio.participantId())));

        JsonNode card = lastCard(other);
        assertThat(cardId(card)).isEqualTo("talent-error");
        assertThat(card.toString()).doesNotContain("Lead the winter planning cell");
        assertThat(auditRows(trio.participantId())).contains(AuditLog.person(otherId) + " " + AuditLog.DENIED
                + " VIEW_TALENT_ROADMAP: coach reading development roadmap");
    }

    @Test
    void theSponsorHasNoRightsOverTheCoachsRoadmap() {
        Trio trio = agreedWithCoach();

        press(trio.sponsor(), Map.of("action", "talent.roadmap.edit", "participantId", String.valueOf(trio.participantId())));

        assertThat(cardId(lastCard(trio.sponsor()))).isEqualTo("talent-error");
    }

    @Test
    void aFormerCoachSeesNothingAndCannotSave() {
        Trio trio = agreedWithCoach();
        coachSaves(trio, coachValues());
        endCoaching(trio);
        int version = roadmaps.findByParticipantPersonIdAndCycle(trio.participantId(), cycle()).orElseThrow().version();

        press(trio.coach(), Map.of("action", "talent.roadmap.open", "participantId", String.valueOf(trio.participantId())));
        JsonNode read = lastCard(trio.coach());
        Map<String, Object> values = coachValues();
        values.put("version", String.valueOf(version));
        values.put("coachNote", "Still here");
        coachSaves(trio, values);

        assertThat(cardId(read)).isEqualTo("talent-error");
        assertThat(read.toString()).doesNotContain("Agree two stretch goals");
        assertThat(cardId(lastCard(trio.coach()))).isEqualTo("talent-error");
        assertThat(roadmaps.findByParticipantPersonIdAndCycle(trio.participantId(), cycle()).orElseThrow().coachNote())
                .isEqualTo("Agree two stretch goals before the next session");
        assertThat(auditRows(trio.participantId())).contains(
                AuditLog.person(trio.coachId()) + " " + AuditLog.DENIED + " VIEW_TALENT_ROADMAP: coach reading development roadmap",
                AuditLog.person(trio.coachId()) + " " + AuditLog.DENIED + " EDIT_TALENT_ROADMAP: coach saving development roadmap");
    }

    @Test
    void theCoachsListHasOnlyTheParticipantsTheyCoachNow() {
        Trio trio = agreedWithCoach();
        TestUsers.User earlier = newUser("Eve Earlier");
        long earlierId = onRoster(earlier, Role.PARTICIPANT, null);
        coaching.save(new CoachAssignment(null, earlierId, trio.coachId(), LocalDate.of(2025, 9, 1), LocalDate.of(2026, 1, 1),
                Instant.now()));

        say(trio.coach(), "coaching roadmaps");

        JsonNode list = lastCard(trio.coach());
        assertThat(hasAction(list, "Open " + trio.participant().name())).isTrue();
        assertThat(hasAction(list, "Open Eve Earlier")).isFalse();
    }

    @Test
    void beforeTheOutcomeIsAgreedTheCoachSeesNoneOfTheDraftActions() {
        Trio trio = withCoach();
        TalentReview draft = TalentReview.start(trio.participantId(), null, cycle(), grids.current().version(), clock.instant())
                .prepared("{\"aspirations\":\"Chief operating officer\"}", null, false, true, clock.instant());
        reviews.save(draft);

        press(trio.coach(), Map.of("action", "talent.roadmap.open", "participantId", String.valueOf(trio.participantId())));

        assertThat(textOf(lastCard(trio.coach()))).contains("No agreed outcome yet this cycle.").doesNotContain("Chief operating officer");
    }

    // ---- helpers

    private Trio withCoach() {
        TestUsers.User p = newUser("Priya Participant");
        TestUsers.User c = newUser("Cara Coach");
        TestUsers.User s = newUser("Sid Sponsor");
        long pid = onRoster(p, Role.PARTICIPANT, null);
        long cid = onRoster(c, Role.COACH, null);
        long sid = onRoster(s, Role.SPONSOR, null);
        sponsors(sid, pid);
        coaching.save(new CoachAssignment(null, pid, cid, LocalDate.of(2026, 1, 1), null, Instant.now()));
        return new Trio(p, pid, c, cid, s);
    }

    /** A participant with a coach and this cycle's outcome agreed by participant and sponsor (the talent tests drive that flow). */
    private Trio agreedWithCoach() {
        Trio trio = withCoach();
        Instant now = clock.instant();
        String due = today().plusMonths(3).toString();
        TalentReview agreed = TalentReview.start(trio.participantId(), null, cycle(), grids.current().version(), now)
                .prepared("{\"aspirations\":\"Chief operating officer\",\"proposedBox\":\"HIGH_MEDIUM\"}",
                        "Struggling with sleep since the night shifts", true, true, now)
                .withSponsorInput(1L, "{\"evidence_aspiration\":\"Seen at the quality committee\",\"proposedBox\":\"HIGH_MEDIUM\"}", true, now)
                .withOutcome("{\"agreedBox\":\"HIGH_MEDIUM\",\"action1Text\":\"Lead the winter planning cell\",\"action1Type\":\"EXPERIENCE\","
                        + "\"action1Owner\":\"PARTICIPANT\",\"action1Due\":\"" + due + "\"}", TalentReview.Party.SPONSOR, now)
                .confirmedBy(TalentReview.Party.PARTICIPANT, now);
        reviews.save(agreed);
        return trio;
    }

    private Map<String, Object> coachValues() {
        Map<String, Object> v = new HashMap<>();
        v.put("action", "talent.roadmap.save");
        v.put("version", "0");
        v.put("action1Text", "Shadow the chief operating officer at a board meeting");
        v.put("action1Type", "RELATIONSHIPS");
        v.put("action1Owner", "COACH");
        v.put("action1Due", today().plusMonths(2).toString());
        v.put("coachNote", "Agree two stretch goals before the next session");
        return v;
    }

    private void coachSaves(Trio trio, Map<String, Object> values) {
        values.put("participantId", String.valueOf(trio.participantId()));
        press(trio.coach(), values);
    }

    private void endCoaching(Trio trio) {
        coaching.findByParticipantIdOrderByStartsOn(trio.participantId()).forEach(a -> coaching.update(a.endingOn(today())));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private String cycle() {
        return TalentReviews.cycleOf(today());
    }

    private List<String> auditRows(long subject) {
        return transactions.executeRead(status -> {
            List<String> rows = new ArrayList<>();
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "SELECT actor, action, detail FROM audit_event WHERE subject_person_id = ? ORDER BY id")) {
                s.setLong(1, subject);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return rows;
        });
    }
}
