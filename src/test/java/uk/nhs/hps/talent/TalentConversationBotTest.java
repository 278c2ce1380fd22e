package uk.nhs.hps.talent;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.support.RecordsTestBase;
import uk.nhs.hps.support.TestClock;
import uk.nhs.hps.support.TestUsers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The 9-box and Maximising Potential conversation through /api/messages, as participant and as sponsor. */
@MicronautTest(transactional = false)
class TalentConversationBotTest extends RecordsTestBase {

    private static final List<String> INDICATORS = List.of("aspiration", "engagement", "setting_direction",
            "engaging_people", "delivering_results");

    @Inject
    TalentReviewRepository reviews;
    @Inject
    TestClock clock;
    @Inject
    TalentIndicators indicators;
    @Inject
    TalentGrids grids;
    @Inject
    uk.nhs.hps.scheme.Transitions transitions;
    @Inject
    AuditLog audit;
    @Inject
    TalentReports reports;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("hps.test.clock", "manual", "reflection.purge-enabled", "false");
    }

    record Pair(TestUsers.User participant, long participantId, TestUsers.User sponsor, long sponsorId) {
    }

    @Test
    void draftIsSavedAndResumed() {
        Pair pair = pair();
        say(pair.participant(), "my talent review");
        press(pair.participant(), actionData(lastCard(pair.participant()), "Prepare"));
        JsonNode form = lastCard(pair.participant());
        assertThat(cardId(form)).isEqualTo("talent-preparation");

        Map<String, Object> draft = button(form, "Save draft");
        draft.put("aspirations", "Director of nursing in five years");
        draft.put("wellbeing", "Tired after the winter rota");
        press(pair.participant(), draft);
        assertThat(last(pair.participant()).text()).contains("Draft saved");

        say(pair.participant(), "my talent review");
        press(pair.participant(), actionData(lastCard(pair.participant()), "Continue preparing"));
        JsonNode resumed = lastCard(pair.participant());
        assertThat(inputValue(resumed, "aspirations")).isEqualTo("Director of nursing in five years");
        assertThat(inputValue(resumed, "wellbeing")).isEqualTo("Tired after the winter rota");
        assertThat(reviews.findByParticipantPersonIdAndCycle(pair.participantId(), "2026-27").orElseThrow()
                .preparationSubmittedAt()).isNull();
    }

    @Test
    void bothPartiesAgreeAndTheGridShowsTheAgreedBox() {
        Pair pair = pair();
        prepare(pair, "HIGH_MEDIUM", false);
        deliverOutbox();
        assertThat(last(pair.sponsor()).text()).contains("has prepared");

        sponsorInput(pair, "MEDIUM_HIGH");
        say(pair.sponsor(), "talent reviews");
        press(pair.sponsor(), actionData(lastCard(pair.sponsor()), "Open " + pair.participant().name()));
        press(pair.sponsor(), actionData(lastCard(pair.sponsor()), "Record agreed outcome"));
        press(pair.sponsor(), outcome(lastCard(pair.sponsor()), "HIGH_MEDIUM"));
        assertThat(textOf(lastCard(pair.sponsor()))).contains("awaiting participant's confirmation");
        deliverOutbox();

        say(pair.participant(), "my talent review");
        press(pair.participant(), actionData(lastCard(pair.participant()), "Confirm the agreed outcome"));

        JsonNode card = lastCard(pair.participant());
        assertThat(textOf(card)).contains("agreed by both", "● Agreed", "Agreed box: " + label("HIGH_MEDIUM"),
                "Lead the winter planning cell");
        assertThat(reviews.findByParticipantPersonIdAndCycle(pair.participantId(), "2026-27").orElseThrow())
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo(TalentReview.Status.AGREED);
                    assertThat(r.agreedBox()).isEqualTo("HIGH_MEDIUM");
                });
    }

    @Test
    void theMessageAskingToConfirmTheOutcomeCarriesTheConfirmButton() {
        Pair pair = pair();
        prepare(pair, "HIGH_MEDIUM", false);
        sponsorInput(pair, "HIGH_MEDIUM");
        Map<String, Object> outcome = outcomeValues(pair.participantId(), "HIGH_MEDIUM");
        outcome.put("version", String.valueOf(reviews.findByParticipantPersonIdAndCycle(pair.participantId(), currentCycle())
                .orElseThrow().version()));
        press(pair.sponsor(), outcome);
        deliverOutbox();

        JsonNode asked = lastCard(pair.participant());
        press(pair.participant(), actionData(asked, "Confirm the agreed outcome"));

        assertThat(cardId(asked)).isEqualTo("talent-confirm");
        assertThat(textOf(asked)).contains("Please check it and confirm", label("HIGH_MEDIUM"), "Lead the winter planning cell");
        assertThat(reviews.findByParticipantPersonIdAndCycle(pair.participantId(), currentCycle()).orElseThrow().status())
                .isEqualTo(TalentReview.Status.AGREED);
    }

    @Test
    void ratingsRecordTheIndicatorsVersionAndTheLevelTheyWereMadeAgainst() {
        Pair pair = pair();

        prepare(pair, "HIGH_MEDIUM", false);

        TalentReview saved = reviews.findByParticipantPersonIdAndCycle(pair.participantId(), currentCycle()).orElseThrow();
        assertThat(saved.indicatorsVersion()).isEqualTo(indicators.version());
        assertThat(saved.indicatorLevel()).isEqualTo(indicators.levelFor(null).level());
        assertThat(TalentReview.fields(saved.preparation())).containsKeys(indicators.areas().stream()
                .map(a -> "evidence_" + a.key()).toArray(String[]::new));
    }

    @Test
    void theRecordShowsTheGridItFollowsAndKeepsItWhenTheGridChanges() {
        Pair pair = pair();
        prepare(pair, "HIGH_MEDIUM", false);
        TalentGrid before = grids.current();

        grids.replace(new TalentGrids.Change(null, "test: a board's own wording",
                Map.of("HIGH_MEDIUM", new TalentGrids.Text("Board wording for this box", null)), null, null), "person:1");
        say(pair.participant(), "my talent review");
        String kept = textOf(lastCard(pair.participant()));
        Pair later = pair();
        say(later.participant(), "my talent review");
        String fresh = textOf(lastCard(later.participant()));

        assertThat(kept).contains(before.source(), "version " + before.version(), before.boxLabel("HIGH_MEDIUM"))
                .doesNotContain("Board wording for this box");
        assertThat(fresh).contains("version " + grids.current().version(), "Board wording for this box");
    }

    @Test
    void readinessFollowsFromTheAgreedBox() {
        Pair pair = pair();

        agree(pair, "HIGH_HIGH");

        TalentReview r = reviews.findByParticipantPersonIdAndCycle(pair.participantId(), currentCycle()).orElseThrow();
        TalentGrid grid = grids.of(r.gridVersion());
        assertThat(TalentReview.fields(r.outcome())).containsEntry("readiness", grid.readinessFor("HIGH_HIGH"));
        say(pair.participant(), "my talent review");
        assertThat(textOf(lastCard(pair.participant()))).contains("Readiness: " + grid.readiness().stream()
                .filter(o -> o.key().equals(grid.readinessFor("HIGH_HIGH"))).findFirst().orElseThrow().label());
    }

    @Test
    void aParticipantOnStreamTwoIsAskedAboutTheTargetRolesOfTransitionTwo() {
        Pair pair = pair();
        people.update(people.findById(pair.participantId()).orElseThrow()
                .withStream(uk.nhs.hps.people.DevelopmentStream.TWO, clock.instant()));

        say(pair.participant(), "my talent review");
        press(pair.participant(), actionData(lastCard(pair.participant()), "Prepare"));

        String form = textOf(lastCard(pair.participant()));
        uk.nhs.hps.scheme.Transitions.Transition two = transitions.of(uk.nhs.hps.people.DevelopmentStream.TWO);
        assertThat(form).contains("Development stream 2", two.name(), two.targetRoles().text());
        assertThat(form).doesNotContain(transitions.of(uk.nhs.hps.people.DevelopmentStream.ONE).targetRoles().text());
    }

    @Test
    void theSponsorsPlacementPanelPlanIsRecordedAndShown() {
        Pair pair = pair();
        prepare(pair, "HIGH_MEDIUM", false);
        Map<String, Object> input = sponsorValues(pair.participantId(), "HIGH_MEDIUM");
        input.put("placementPanel", "Present at the March panel for the ICS discharge programme");
        input.put("version", String.valueOf(reviews.findByParticipantPersonIdAndCycle(pair.participantId(), currentCycle())
                .orElseThrow().version()));

        press(pair.sponsor(), input);
        say(pair.participant(), "my talent review");

        assertThat(TalentReview.fields(reviews.findByParticipantPersonIdAndCycle(pair.participantId(), currentCycle())
                .orElseThrow().sponsorInput())).containsEntry("placementPanel", "Present at the March panel for the ICS discharge programme");
        assertThat(textOf(lastCard(pair.participant()))).contains("Placement panels: Present at the March panel");
    }

    @Test
    void sponsorSeesThePreparationButNotAPrivateWellbeingNoteAndTheReadIsAudited() {
        Pair pair = pair();
        prepare(pair, "HIGH_MEDIUM", false);

        say(pair.sponsor(), "talent reviews");
        press(pair.sponsor(), actionData(lastCard(pair.sponsor()), "Open " + pair.participant().name()));

        String seen = textOf(lastCard(pair.sponsor()));
        assertThat(seen).contains("Participant's proposal: " + label("HIGH_MEDIUM"), "Led the bed-flow huddle");
        assertThat(seen).doesNotContain("Struggling with sleep");
        assertThat(audit.about(pair.participantId())).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo(AuditLog.person(pair.sponsorId()));
            assertThat(e.detail()).contains("VIEW_TALENT_INPUTS");
        });
    }

    @Test
    void sharedWellbeingNoteIsShownToTheSponsor() {
        Pair pair = pair();
        prepare(pair, "HIGH_MEDIUM", true);

        press(pair.sponsor(), Map.of("action", "talent.open", "participantId", String.valueOf(pair.participantId())));

        assertThat(textOf(lastCard(pair.sponsor()))).contains("Wellbeing check-in (shared with you)", "Struggling with sleep");
    }

    @Test
    void badValuesAreNamedAndNothingIsSaved() {
        Pair pair = pair();
        say(pair.participant(), "my talent review");
        press(pair.participant(), actionData(lastCard(pair.participant()), "Prepare"));
        Map<String, Object> bad = button(lastCard(pair.participant()), "Submit to my sponsor");
        bad.put("growth", "SIDEWAYS");
        bad.put("evidence_aspiration", "x".repeat(20_000));
        bad.put("proposedBox", "TOP_RIGHT");

        press(pair.participant(), bad);

        JsonNode card = lastCard(pair.participant());
        assertThat(cardId(card)).isEqualTo("talent-preparation");
        assertThat(textOf(card)).contains("was not submitted", "**Growth direction**: 'SIDEWAYS' is not one of the choices",
                "**Evidence for Aspiration** is 20000 characters", "**The box I propose**: 'TOPˍRIGHT'",
                "**Career aspirations** is required", "**My performance in my current role** is required");
        assertThat(reviews.findByParticipantPersonIdAndCycle(pair.participantId(), "2026-27")).isEmpty();
    }

    @Test
    void someoneWhoIsNotTheSponsorCannotSubmitSponsorInput() {
        Pair pair = pair();
        TestUsers.User other = newUser("Olly Othersponsor");
        onRoster(other, Role.SPONSOR, null);

        press(other, sponsorValues(pair.participantId(), "HIGH_HIGH"));

        assertThat(cardId(lastCard(other))).isEqualTo("talent-error");
        assertThat(textOf(lastCard(other))).contains("don't have access");
        assertThat(reviews.findByParticipantPersonIdAndCycle(pair.participantId(), "2026-27")).isEmpty();
    }

    @Test
    void confirmedRecordCannotBeEdited() {
        Pair pair = pair();
        agree(pair, "MEDIUM_MEDIUM");
        int version = reviews.findByParticipantPersonIdAndCycle(pair.participantId(), "2026-27").orElseThrow().version();
        Map<String, Object> edit = preparationValues(pair.participantId(), "HIGH_HIGH", false);
        edit.put("version", String.valueOf(version));

        press(pair.participant(), edit);

        assertThat(textOf(lastCard(pair.participant()))).contains("confirmed and can't be edited");
        assertThat(reviews.findByParticipantPersonIdAndCycle(pair.participantId(), "2026-27").orElseThrow().version())
                .isEqualTo(version);
    }

    @Test
    void draftSubmittedTwiceAtOnceIsSavedOnce() {
        Pair pair = pair();
        Map<String, Object> draft = preparationValues(pair.participantId(), "HIGH_MEDIUM", false);
        draft.put("action", "talent.prep.draft");
        press(pair.participant(), draft);
        int version = reviews.findByParticipantPersonIdAndCycle(pair.participantId(), "2026-27").orElseThrow().version();
        draft.put("version", String.valueOf(version));
        connector.reset();

        CompletableFuture<?> a = CompletableFuture.runAsync(() -> press(pair.participant(), draft));
        CompletableFuture<?> b = CompletableFuture.runAsync(() -> press(pair.participant(), draft));
        CompletableFuture.allOf(a, b).join();

        assertThat(reviews.findByParticipantPersonIdAndCycle(pair.participantId(), "2026-27").orElseThrow().version())
                .isEqualTo(version + 1);
        String replies = connector.messagesTo(pair.participant().conversationId()).stream()
                .map(c -> c.card() == null ? c.text() : textOf(c.card())).reduce("", String::concat);
        assertThat(replies).contains("Draft saved", "changed since you opened it");
    }

    @Test
    void nextCycleShowsThePreviousPlacementAndTheMovement() {
        Pair pair = pair();
        agree(pair, "MEDIUM_MEDIUM");
        clock.advance(Duration.ofDays(365));
        try {
            agree(pair, "HIGH_MEDIUM");

            say(pair.participant(), "my talent review");
            assertThat(textOf(lastCard(pair.participant()))).contains("● Agreed", "◆ Previous",
                    "Previous placement: " + label("MEDIUM_MEDIUM"), "Agreed box: " + label("HIGH_MEDIUM"));
            press(pair.participant(), actionData(lastCard(pair.participant()), "History"));
            assertThat(last(pair.participant()).text()).contains("2026-27: " + label("MEDIUM_MEDIUM"), "2027-28: " + label("HIGH_MEDIUM"), "up");
        } finally {
            clock.advance(Duration.ofDays(-365));
        }
    }

    @Test
    void cohortReportCountsBoxesMovementAndOutstandingWithoutTheAnswers() {
        long cohortId = cohort().id();
        Pair agreed = pair(cohortId);
        pair(cohortId);
        agree(agreed, "HIGH_HIGH");

        TalentReports.CohortReport report = reports.cohort(cohortId, null, "person:1");

        assertThat(report.participants()).isEqualTo(2);
        assertThat(report.perBox()).containsEntry("HIGH_HIGH", 1);
        assertThat(report.movement()).containsEntry("FIRST_PLACEMENT", 1);
        assertThat(report.outstanding()).containsEntry("NOT_STARTED", 1).containsEntry("AWAITING_MODERATION", 1);
        assertThat(reports.csv(cohortId, null, "person:1")).contains("HIGH_HIGH").doesNotContain("Struggling with sleep");
        assertThat(audit.about(agreed.participantId())).anySatisfy(e -> assertThat(e.detail()).contains("VIEW_TALENT_PLACEMENTS"));
    }

    @Test
    void programmeTeamMemberCannotOpenARecordInTheBotEvenWhenTheNoteIsSharedWithTheSponsor() {
        Pair pair = pair();
        prepare(pair, "HIGH_MEDIUM", true);
        TestUsers.User pat = newUser("Pat Programme");
        long patId = onRoster(pat, Role.PROGRAMME_TEAM, null);

        press(pat, Map.of("action", "talent.open", "participantId", String.valueOf(pair.participantId())));

        assertThat(cardId(lastCard(pat))).isEqualTo("talent-error");
        assertThat(textOf(lastCard(pat))).contains("don't have access").doesNotContain("Struggling with sleep", "Wellbeing");
        assertThat(auditRows(pair.participantId())).contains(AuditLog.person(patId) + " " + AuditLog.DENIED
                + " VIEW_TALENT_INPUTS: sponsor reading talent record");
    }

    @Test
    void programmeTeamHistoryRequestInTheBotIsRefusedAndAudited() {
        Pair pair = pair();
        agree(pair, "MEDIUM_MEDIUM");
        TestUsers.User pat = newUser("Pat History");
        long patId = onRoster(pat, Role.PROGRAMME_TEAM, null);

        press(pat, Map.of("action", "talent.history", "participantId", String.valueOf(pair.participantId())));

        assertThat(cardId(lastCard(pat))).isEqualTo("talent-error");
        assertThat(auditRows(pair.participantId())).anyMatch(r -> r.startsWith(AuditLog.person(patId) + " " + AuditLog.DENIED));
    }

    @Test
    void everyReadBySomeoneOtherThanTheParticipantIsInTheAuditEventTable() {
        Pair pair = pair();
        prepare(pair, "HIGH_MEDIUM", false);
        List<String> before = auditRows(pair.participantId());

        press(pair.sponsor(), Map.of("action", "talent.open", "participantId", String.valueOf(pair.participantId())));
        press(pair.sponsor(), Map.of("action", "talent.history", "participantId", String.valueOf(pair.participantId())));
        press(pair.sponsor(), Map.of("action", "talent.sponsor.open", "participantId", String.valueOf(pair.participantId())));

        List<String> reads = auditRows(pair.participantId()).subList(before.size(), auditRows(pair.participantId()).size());
        assertThat(reads).containsExactly(
                AuditLog.person(pair.sponsorId()) + " READ VIEW_TALENT_INPUTS: sponsor reading talent record",
                AuditLog.person(pair.sponsorId()) + " READ VIEW_TALENT_INPUTS: talent history",
                AuditLog.person(pair.sponsorId()) + " READ VIEW_TALENT_INPUTS: sponsor input card");
    }

    @Test
    void theParticipantCannotOpenTheSponsorsUnsubmittedDraft() {
        Pair pair = pair();
        prepare(pair, "HIGH_MEDIUM", false);
        Map<String, Object> draft = sponsorValues(pair.participantId(), "MEDIUM_MEDIUM");
        draft.put("action", "talent.sponsor.draft");
        draft.put("evidence_aspiration", "Privately: not ready for promotion yet");
        draft.put("version", String.valueOf(reviews.findByParticipantPersonIdAndCycle(pair.participantId(), currentCycle())
                .orElseThrow().version()));
        press(pair.sponsor(), draft);
        assertThat(last(pair.sponsor()).text()).startsWith("Draft saved");

        press(pair.participant(), Map.of("action", "talent.sponsor.open", "participantId", String.valueOf(pair.participantId())));

        JsonNode card = lastCard(pair.participant());
        assertThat(cardId(card)).isEqualTo("talent-error");
        assertThat(textOf(card)).contains("You don't sponsor this participant");
        assertThat(card.toString()).doesNotContain("not ready for promotion", "MEDIUM_MEDIUM");
    }

    @Test
    void theParticipantReadingTheirOwnRecordIsNotAuditedAsAReadBySomeoneElse() {
        Pair pair = pair();
        prepare(pair, "HIGH_MEDIUM", false);
        int before = auditRows(pair.participantId()).size();

        say(pair.participant(), "my talent review");
        String seen = textOf(lastCard(pair.participant()));
        press(pair.participant(), actionData(lastCard(pair.participant()), "History"));

        assertThat(seen).contains("Struggling with sleep");
        assertThat(auditRows(pair.participantId())).hasSize(before);
    }

    // ---- helpers

    /** A box's label on the grid reviews are now made on (the YAML's, or a version another test saved). */
    private String label(String box) {
        return grids.current().boxLabel(box);
    }

    /** "actor action detail" of every audit_event row about the subject, oldest first, straight from the table. */
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

    @Test
    void theRecordShowsDatesAsPeopleWriteThem() {
        Pair pair = pair();
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        String review = today.plusMonths(6).format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.UK));
        String due = today.plusMonths(3).format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.UK));

        agree(pair, "MEDIUM_MEDIUM");
        say(pair.participant(), "my talent review");

        assertThat(textOf(lastCard(pair.participant()))).contains("Next review: " + review, "due " + due)
                .doesNotContain(today.plusMonths(6).toString());
    }

    @Test
    void submittingThePreparationReplacesTheFormWithTheRecord() throws Exception {
        Pair pair = pair();
        say(pair.participant(), "my talent review");
        press(pair.participant(), actionData(lastCard(pair.participant()), "Prepare"));
        JsonNode submit = lastCard(pair.participant()).findParents("verb").stream()
                .filter(a -> "talent.prep.submit".equals(a.path("verb").asText())).findFirst().orElseThrow();
        Map<String, Object> values = preparationValues(pair.participantId(), "HIGH_MEDIUM", false);
        submit.path("data").fields().forEachRemaining(f -> values.put(f.getKey(), f.getValue().asText()));

        java.net.http.HttpResponse<String> answer = send(uk.nhs.hps.support.Activities.execute("talent.prep.submit", node(values))
                .from(pair.participant()));

        assertThat(submit.path("type").asText()).isEqualTo("Action.Execute");
        JsonNode refreshed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).path("value");
        assertThat(cardId(refreshed)).isEqualTo("talent-review");
        assertThat(hasAction(refreshed, "Submit to my sponsor")).isFalse();
    }

    private Pair pair() {
        return pair(null);
    }

    private Pair pair(Long cohortId) {
        TestUsers.User p = newUser("Priya Participant");
        TestUsers.User s = newUser("Sid Sponsor");
        long pid = onRoster(p, Role.PARTICIPANT, cohortId);
        long sid = onRoster(s, Role.SPONSOR, null);
        sponsors(sid, pid);
        return new Pair(p, pid, s, sid);
    }

    private void agree(Pair pair, String box) {
        prepare(pair, box, false);
        sponsorInput(pair, box);
        int version = reviews.findByParticipantPersonIdAndCycle(pair.participantId(), currentCycle()).orElseThrow().version();
        Map<String, Object> outcome = outcomeValues(pair.participantId(), box);
        outcome.put("version", String.valueOf(version));
        press(pair.sponsor(), outcome);
        press(pair.participant(), Map.of("action", "talent.outcome.confirm", "participantId", String.valueOf(pair.participantId()),
                "version", String.valueOf(version + 1)));
        assertThat(reviews.findByParticipantPersonIdAndCycle(pair.participantId(), currentCycle()).orElseThrow().status())
                .isEqualTo(TalentReview.Status.AGREED);
    }

    private String currentCycle() {
        return TalentReviews.cycleOf(java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
    }

    private void prepare(Pair pair, String box, boolean shareWellbeing) {
        Map<String, Object> values = preparationValues(pair.participantId(), box, shareWellbeing);
        values.put("version", reviews.findByParticipantPersonIdAndCycle(pair.participantId(), currentCycle())
                .map(r -> String.valueOf(r.version())).orElse("0"));
        press(pair.participant(), values);
        assertThat(cardId(lastCard(pair.participant()))).isEqualTo("talent-review");
    }

    private void sponsorInput(Pair pair, String box) {
        Map<String, Object> values = sponsorValues(pair.participantId(), box);
        values.put("version", String.valueOf(reviews.findByParticipantPersonIdAndCycle(pair.participantId(), currentCycle())
                .orElseThrow().version()));
        press(pair.sponsor(), values);
        assertThat(textOf(lastCard(pair.sponsor()))).contains("sponsor input given");
    }

    private Map<String, Object> preparationValues(long participantId, String box, boolean shareWellbeing) {
        Map<String, Object> v = new HashMap<>();
        v.put("action", "talent.prep.submit");
        v.put("participantId", String.valueOf(participantId));
        v.put("version", "0");
        v.put("wellbeing", "Struggling with sleep since the night shifts");
        v.put("wellbeingShared", String.valueOf(shareWellbeing));
        v.put("aspirations", "Chief operating officer");
        v.put("growth", "STRETCH");
        v.put("performance", "HIGH");
        for (String i : INDICATORS) {
            v.put("rating_" + i, "DEVELOPING");
            v.put("evidence_" + i, "Led the bed-flow huddle for " + i);
        }
        v.put("proposedBox", box);
        v.put("developmentWishes", "A board-level stretch assignment");
        return v;
    }

    private Map<String, Object> sponsorValues(long participantId, String box) {
        Map<String, Object> v = new HashMap<>();
        v.put("action", "talent.sponsor.submit");
        v.put("participantId", String.valueOf(participantId));
        v.put("version", "0");
        v.put("performance", "HIGH");
        for (String i : INDICATORS) {
            v.put("rating_" + i, "DEMONSTRATED");
            v.put("evidence_" + i, "Seen at the quality committee");
        }
        v.put("proposedBox", box);
        return v;
    }

    private Map<String, Object> outcomeValues(long participantId, String box) {
        Map<String, Object> v = new HashMap<>();
        v.put("action", "talent.outcome.save");
        v.put("participantId", String.valueOf(participantId));
        v.put("agreedBox", box);
        v.put("specialistPath", "false");
        v.put("readiness", "ONE_TO_THREE_YEARS");
        v.put("action1Text", "Lead the winter planning cell");
        v.put("action1Type", "EXPERIENCE");
        v.put("action1Owner", "PARTICIPANT");
        v.put("action1Due", java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).plusMonths(3).toString());
        v.put("nextReview", java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).plusMonths(6).toString());
        return v;
    }

    private Map<String, Object> outcome(JsonNode card, String box) {
        Map<String, Object> v = outcomeValues(0, box);
        v.putAll(button(card, "Save and confirm"));
        return v;
    }

    private static Map<String, Object> button(JsonNode card, String title) {
        Map<String, Object> data = new HashMap<>();
        actionData(card, title).fields().forEachRemaining(f -> data.put(f.getKey(), f.getValue().asText()));
        return data;
    }
}
