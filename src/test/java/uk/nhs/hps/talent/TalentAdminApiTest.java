package uk.nhs.hps.talent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.admin.AdminApiTestBase;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.cohort.ManagingCohorts;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.privacy.ExportingPersonalData;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The programme team's 9-box reports and moderation over the admin API: placements and status only,
 * never the answers or the wellbeing note, every participant read audited.
 */
@MicronautTest(transactional = false)
class TalentAdminApiTest extends AdminApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final String WELLBEING = "Struggling with sleep since the night shifts";

    @Inject
    TalentReviewRepository reviews;
    @Inject
    ManagingCohorts cohorts;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    ExportingPersonalData exporting;

    @Test
    void cohortReportCountsEachBox() throws IOException {
        long cohort = cohort();
        agreed(participant(cohort, "Ada One"), "2026-27", "HIGH_HIGH");
        agreed(participant(cohort, "Ben Two"), "2026-27", "HIGH_HIGH");
        agreed(participant(cohort, "Cat Three"), "2026-27", "MEDIUM_MEDIUM");

        JsonNode report = report(cohort);

        assertThat(report.path("participants").asInt()).isEqualTo(3);
        assertThat(report.path("perBox").path("HIGH_HIGH").asInt()).isEqualTo(2);
        assertThat(report.path("perBox").path("MEDIUM_MEDIUM").asInt()).isEqualTo(1);
        assertThat(report.path("perBox").path("LOW_LOW").asInt()).isZero();
    }

    @Test
    void cohortReportBreaksPlacementsDownByDevelopmentStream() throws IOException {
        long cohort = cohort();
        long one = participant(cohort, "Sam Streamone");
        people.update(people.findById(one).orElseThrow().withStream(uk.nhs.hps.people.DevelopmentStream.ONE, Instant.now()));
        agreed(one, "2026-27", "HIGH_HIGH");
        agreed(participant(cohort, "Nia Nostream"), "2026-27", "MEDIUM_MEDIUM");

        JsonNode byStream = report(cohort).path("perStream");
        String csv = get("/admin/api/talent/cohorts/" + cohort + "/placements.csv?cycle=2026-27").body();

        assertThat(byStream.path("1").path("participants").asInt()).isEqualTo(1);
        assertThat(byStream.path("1").path("HIGH_HIGH").asInt()).isEqualTo(1);
        assertThat(byStream.path("2").path("participants").asInt()).isZero();
        assertThat(byStream.path("none").path("MEDIUM_MEDIUM").asInt()).isEqualTo(1);
        assertThat(csv).startsWith("participant_id,name,stream,").contains(one + ",Sam Streamone,1,2026-27");
    }

    @Test
    void cohortReportShowsMovementSinceThePreviousCycle() throws IOException {
        long cohort = cohort();
        long up = participant(cohort, "Dev Up");
        agreed(up, "2025-26", "HIGH_MEDIUM");
        agreed(up, "2026-27", "HIGH_HIGH");
        long down = participant(cohort, "Eve Down");
        agreed(down, "2025-26", "MEDIUM_MEDIUM");
        agreed(down, "2026-27", "LOW_MEDIUM");
        agreed(participant(cohort, "Fay First"), "2026-27", "MEDIUM_HIGH");

        JsonNode report = report(cohort);

        assertThat(report.path("movement").path("UP").asInt()).isEqualTo(1);
        assertThat(report.path("movement").path("DOWN").asInt()).isEqualTo(1);
        assertThat(report.path("movement").path("FIRST_PLACEMENT").asInt()).isEqualTo(1);
        assertThat(placementOf(report, up).path("previousBox").asText()).isEqualTo("HIGH_MEDIUM");
        assertThat(placementOf(report, up).path("movement").asText()).isEqualTo("UP");
    }

    @Test
    void cohortReportCountsConversationsOutstanding() throws IOException {
        long cohort = cohort();
        participant(cohort, "Gus Notstarted");
        save(TalentReview.start(participant(cohort, "Hal Preparing"), null, "2026-27", "1", Instant.now()));
        TalentReview.Builder awaitingSponsor = TalentReview.start(participant(cohort, "Ivy Submitted"), null, "2026-27", "1",
                Instant.now()).change();
        awaitingSponsor.preparationSubmittedAt = Instant.now();
        save(awaitingSponsor.at(Instant.now()));
        agreed(participant(cohort, "Jo Agreed"), "2026-27", "MEDIUM_MEDIUM");

        JsonNode outstanding = report(cohort).path("outstanding");

        assertThat(outstanding.path("NOT_STARTED").asInt()).isEqualTo(1);
        assertThat(outstanding.path("PARTICIPANT_PREPARING").asInt()).isEqualTo(1);
        assertThat(outstanding.path("AWAITING_SPONSOR").asInt()).isEqualTo(1);
        assertThat(outstanding.path("AWAITING_MODERATION").asInt()).isEqualTo(1);
    }

    @Test
    void placementsCsvNeutralisesFormulaCells() {
        long cohort = cohort();
        agreed(participant(cohort, "=HYPERLINK(\"http://evil.example\",\"click\")"), "2026-27", "HIGH_HIGH");

        HttpResponse<String> csv = get("/admin/api/talent/cohorts/" + cohort + "/placements.csv?cycle=2026-27");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body()).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"");
        assertThat(csv.body().lines().filter(l -> l.contains("HYPERLINK")).findFirst().orElseThrow())
                .doesNotContain(",=HYPERLINK").contains("HIGH_HIGH");
    }

    @Test
    void agreedReviewIsModeratedThenFedBack() throws IOException {
        long participant = participant(cohort(), "Kit Moderated");
        long review = agreed(participant, "2026-27", "HIGH_MEDIUM");

        HttpResponse<String> moderated = send("POST", "/admin/api/talent/reviews/" + review + "/moderated", null);
        assertThat(moderated.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(moderated.body()).path("status").asText()).isEqualTo("MODERATED");

        HttpResponse<String> fedBack = send("POST", "/admin/api/talent/reviews/" + review + "/fed-back", null);
        assertThat(fedBack.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(fedBack.body()).path("status").asText()).isEqualTo("FED_BACK");
        assertThat(reviews.findById(review).orElseThrow()).satisfies(r -> {
            assertThat(r.moderatedAt()).isNotNull();
            assertThat(r.fedBackAt()).isNotNull();
        });
    }

    @Test
    void feedbackBeforeModerationIsRefusedWithAConflict() {
        long review = agreed(participant(cohort(), "Lou Early"), "2026-27", "HIGH_MEDIUM");

        HttpResponse<String> refused = send("POST", "/admin/api/talent/reviews/" + review + "/fed-back", null);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("The review is AGREED; it can't move to FED_BACK");
        assertThat(reviews.findById(review).orElseThrow().status()).isEqualTo(TalentReview.Status.AGREED);
    }

    @Test
    void moderatingAReviewStillBeingPreparedIsRefused() {
        long review = save(TalentReview.start(participant(cohort(), "Max Preparing"), null, "2026-27", "1", Instant.now())).id();

        HttpResponse<String> refused = send("POST", "/admin/api/talent/reviews/" + review + "/moderated", null);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("PREPARING");
    }

    @Test
    void moderatingAnUnknownReviewIsNotFound() {
        assertThat(send("POST", "/admin/api/talent/reviews/987654321/moderated", null).statusCode()).isEqualTo(404);
    }

    @Test
    void talentAdminRefusesATokenFromSomeoneNotOnTheProgrammeTeam() {
        long cohort = cohort();
        long participant = participant(cohort, "Ned Sponsored");
        long review = agreed(participant, "2026-27", "HIGH_HIGH");
        TestUsers.User sponsor = user("Sid Sponsor");
        person(sponsor, Role.SPONSOR, null);
        String token = entra.token(sponsor);

        assertThat(call("GET", "/admin/api/talent/cohorts/" + cohort, token, null, null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/admin/api/talent/cohorts/" + cohort + "/placements.csv", token, null, null).statusCode())
                .isEqualTo(403);
        assertThat(call("POST", "/admin/api/talent/reviews/" + review + "/moderated", token, null, null).statusCode())
                .isEqualTo(403);
        assertThat(call("GET", "/admin/api/talent/cohorts/" + cohort, null, null, null).statusCode()).isEqualTo(401);
        assertThat(reviews.findById(review).orElseThrow().status()).isEqualTo(TalentReview.Status.AGREED);
    }

    @Test
    void programmeTeamReportNeverIncludesTheWellbeingNoteEvenWhenSharedWithTheSponsor() throws IOException {
        long cohort = cohort();
        long privateNote = participant(cohort, "Oli Private");
        long sharedNote = participant(cohort, "Pam Shared");
        long privateReview = withWellbeing(privateNote, false);
        withWellbeing(sharedNote, true);

        String report = get("/admin/api/talent/cohorts/" + cohort + "?cycle=2026-27").body();
        String csv = get("/admin/api/talent/cohorts/" + cohort + "/placements.csv?cycle=2026-27").body();
        String moderated = send("POST", "/admin/api/talent/reviews/" + privateReview + "/moderated", null).body();

        assertThat(JSON.readTree(report).path("placements")).hasSize(2);
        assertThat(report).doesNotContain(WELLBEING).doesNotContainIgnoringCase("wellbeing");
        assertThat(csv).doesNotContain(WELLBEING).doesNotContainIgnoringCase("wellbeing");
        assertThat(moderated).doesNotContain(WELLBEING).doesNotContainIgnoringCase("wellbeing");
    }

    @Test
    void programmeTeamSubjectAccessExportWithholdsTheWellbeingNote() {
        long participant = participant(cohort(), "Tam Exported");
        withWellbeing(participant, true);

        HttpResponse<String> export = get("/admin/api/people/" + participant + "/export");

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).contains("talent_review", "withheld: private to the participant").doesNotContain(WELLBEING);
    }

    @Test
    void participantsOwnExportKeepsTheWellbeingNote() {
        long participant = participant(cohort(), "Uma Own");
        withWellbeing(participant, false);

        assertThat(exporting.export(participant, AuditLog.person(participant), "my data").orElseThrow().toString())
                .contains(WELLBEING);
    }

    @Test
    void everyParticipantInAReportIsAuditedAsReadByTheProgrammeTeam() {
        long cohort = cohort();
        long a = participant(cohort, "Quin Audited");
        long b = participant(cohort, "Rae Audited");
        agreed(a, "2026-27", "HIGH_HIGH");

        get("/admin/api/talent/cohorts/" + cohort + "?cycle=2026-27");
        get("/admin/api/talent/cohorts/" + cohort + "/placements.csv?cycle=2026-27");

        for (long participant : List.of(a, b)) {
            List<String> reads = auditEvents(participant, "READ");
            assertThat(reads).hasSize(2).allSatisfy(e -> assertThat(e)
                    .startsWith("person:" + patId + " ").contains("VIEW_TALENT_PLACEMENTS", "cohort " + cohort, "2026-27"));
        }
    }

    @Test
    void moderationAndFeedbackAreAudited() {
        long participant = participant(cohort(), "Sol Moderated");
        long review = agreed(participant, "2026-27", "HIGH_MEDIUM");

        send("POST", "/admin/api/talent/reviews/" + review + "/moderated", null);
        send("POST", "/admin/api/talent/reviews/" + review + "/fed-back", null);

        assertThat(auditEvents(participant, "TALENT_MODERATED")).singleElement().asString().startsWith("person:" + patId + " ");
        assertThat(auditEvents(participant, "TALENT_FED_BACK")).singleElement().asString().contains("talent review " + review);
    }

    // ---- helpers

    private JsonNode report(long cohort) throws IOException {
        HttpResponse<String> response = get("/admin/api/talent/cohorts/" + cohort + "?cycle=2026-27");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode placementOf(JsonNode report, long participantId) {
        for (JsonNode p : report.path("placements")) {
            if (p.path("participantId").asLong() == participantId) {
                return p;
            }
        }
        throw new AssertionError("No placement for " + participantId + " in " + report);
    }

    /** "actor detail" of each audit event about the participant with this action, straight from audit_event. */
    private List<String> auditEvents(long subject, String action) {
        return transactions.executeRead(status -> {
            List<String> events = new ArrayList<>();
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "SELECT actor, detail FROM audit_event WHERE subject_person_id = ? AND action = ? ORDER BY id")) {
                s.setLong(1, subject);
                s.setString(2, action);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        events.add(rs.getString(1) + " " + rs.getString(2));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return events;
        });
    }

    private long cohort() {
        return cohorts.create(new ManagingCohorts.CohortDetails("Cohort " + UUID.randomUUID().toString().substring(0, 8),
                LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31), null, null)).id();
    }

    private static TestUsers.User user(String name) {
        String local = "talent-admin-" + USERS.incrementAndGet();
        return new TestUsers.User("29:" + local, "aad-" + local, name, local + "@records.nhs.net");
    }

    private long participant(long cohort, String name) {
        return person(user(name), Role.PARTICIPANT, cohort);
    }

    private long person(TestUsers.User user, Role role, Long cohort) {
        Instant now = Instant.now();
        return people.save(new Person(null, user.email(), user.name(), role, PersonStatus.ACTIVE, "Europe/London",
                user.aadObjectId(), null, null, cohort, null, null, null, null, now, now)).id();
    }

    private TalentReview save(TalentReview review) {
        return reviews.save(review);
    }

    /** A review both parties have agreed, as the bot leaves it. */
    private long agreed(long participant, String cycle, String box) {
        Instant now = Instant.now();
        TalentReview.Builder b = TalentReview.start(participant, null, cycle, "1", now).change();
        b.status = TalentReview.Status.AGREED;
        b.preparationSubmittedAt = now;
        b.sponsorSubmittedAt = now;
        b.agreedBox = box;
        b.participantConfirmedAt = now;
        b.sponsorConfirmedAt = now;
        b.agreedAt = now;
        return save(b.at(now)).id();
    }

    private long withWellbeing(long participant, boolean shared) {
        Instant now = Instant.now();
        TalentReview.Builder b = TalentReview.start(participant, null, "2026-27", "1", now).change();
        b.status = TalentReview.Status.AGREED;
        b.preparationSubmittedAt = now;
        b.sponsorSubmittedAt = now;
        b.wellbeingNote = WELLBEING;
        b.wellbeingShared = shared;
        b.agreedBox = "HIGH_HIGH";
        b.agreedAt = now;
        return save(b.at(now)).id();
    }
}
