package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;
import uk.nhs.hps.people.DevelopmentStream;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;
import uk.nhs.hps.support.TalentSeed;
import uk.nhs.hps.support.TestUsers;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's talent pages over HTTP (issue 16, page 2): the 9-box heat map with its filters, movement between two
 * cycles, the moderation queue with its two steps, the outstanding conversations; what each view audits, bad input,
 * refusals, and that nothing private (the wellbeing check-in, the rest of the preparation) reaches any page.
 */
@MicronautTest(transactional = false, environments = "dev")
class TalentConsoleTest extends ConsoleTestBase {

    private static final AtomicInteger PEOPLE = new AtomicInteger();
    private static final String CYCLE = cycleOf(LocalDate.now(ZoneId.of("Europe/London")));
    private static final String PREVIOUS = cycleOf(LocalDate.now(ZoneId.of("Europe/London")).minusYears(1));

    @Inject
    CohortRepository cohorts;
    @Inject
    SponsorshipRepository sponsorships;
    @Inject
    TransactionOperations<Connection> db;

    // ---- heat map

    @Test
    void theHeatMapCountsEachBoxUnderTheGridsAxisLabels() {
        long cohort = cohort();
        agreed(participant(cohort, "Ada Heat"), CYCLE, "HIGH_HIGH");
        agreed(participant(cohort, "Ben Heat"), CYCLE, "HIGH_HIGH");
        agreed(participant(cohort, "Cat Heat"), CYCLE, "MEDIUM_MEDIUM");
        participant(cohort, "Dan Unplaced");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> page = console.get("/console/talent?cohort=" + cohort + "&cycle=" + CYCLE);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(count(page.body(), "HIGH_HIGH")).isEqualTo(2);
        assertThat(count(page.body(), "MEDIUM_MEDIUM")).isEqualTo(1);
        assertThat(count(page.body(), "LOW_LOW")).isZero();
        assertThat(page.body()).contains("<th scope=\"col\">Exceeds expectations, sustained</th>",
                "<th scope=\"row\">High potential to progress</th>", "3 of 4 participants (all streams, all organisations)",
                "1 has none yet", "aria-current=\"page\">Talent</a>", "aria-current=\"page\">9-box heat map</a>");
    }

    @Test
    void theHeatMapFiltersByStreamAndByOrganisation() {
        long cohort = cohort();
        agreed(participant(cohort, "Eve Leeds", "Leeds Teaching Hospitals", DevelopmentStream.ONE), CYCLE, "HIGH_HIGH");
        agreed(participant(cohort, "Fay York", "York and Scarborough", DevelopmentStream.ONE), CYCLE, "LOW_LOW");
        agreed(participant(cohort, "Gus Leeds", "Leeds Teaching Hospitals", DevelopmentStream.TWO), CYCLE, "HIGH_HIGH");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        String streamOne = console.get("/console/talent?cohort=" + cohort + "&cycle=" + CYCLE + "&stream=1").body();
        String leeds = console.get("/console/talent?cohort=" + cohort + "&cycle=" + CYCLE
                + "&organisation=Leeds+Teaching+Hospitals").body();
        String both = console.get("/console/talent?cohort=" + cohort + "&cycle=" + CYCLE
                + "&stream=2&organisation=Leeds+Teaching+Hospitals").body();

        assertThat(List.of(count(streamOne, "HIGH_HIGH"), count(streamOne, "LOW_LOW"))).containsExactly(1, 1);
        assertThat(List.of(count(leeds, "HIGH_HIGH"), count(leeds, "LOW_LOW"))).containsExactly(2, 0);
        assertThat(List.of(count(both, "HIGH_HIGH"), count(both, "LOW_LOW"))).containsExactly(1, 0);
        assertThat(both).contains("1 of 1 participants (stream 2, Leeds Teaching Hospitals)",
                "<option value=\"Leeds Teaching Hospitals\" selected=\"selected\">");
    }

    @Test
    void theHeatMapIsAuditedAsOneViewWithItsFilterAndNoPersonRead() {
        long cohort = cohort();
        long ada = participant(cohort, "Ada Audited");
        agreed(ada, CYCLE, "HIGH_HIGH");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        console.get("/console/talent?cohort=" + cohort + "&cycle=" + CYCLE + "&stream=1");

        assertThat(rows("SELECT COUNT(*) FROM audit_event WHERE actor = ? AND action = 'VIEW_TALENT_HEAT_MAP' AND detail = ?",
                "person:" + patId, "cohort " + cohort + ", cycle " + CYCLE + ", stream 1, organisation all")).isEqualTo(1);
        assertThat(talentReads(ada)).isZero();
    }

    @Test
    void anUnknownCohortIsNotFoundWithTheReason() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> missing = console.get("/console/talent?cohort=987654321");
        HttpResponse<String> words = console.get("/console/talent/queue?cohort=abc");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("There is no cohort 987654321.", "Nothing was changed.");
        assertThat(words.statusCode()).isEqualTo(404);
        assertThat(words.body()).contains("There is no cohort “abc”.");
    }

    @Test
    void aCycleNobodyInTheCohortHasIsRefusedWithTheCyclesThereAre() {
        long cohort = cohort();
        agreed(participant(cohort, "Hal Cycle"), PREVIOUS, "HIGH_HIGH");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> unknown = console.get("/console/talent?cohort=" + cohort + "&cycle=2001-02");
        HttpResponse<String> garbage = console.get("/console/talent/outstanding?cohort=" + cohort + "&cycle=%3Cb%3Ex");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("No one in this cohort has a talent review in the cycle “2001-02”.",
                "Choose one of: " + CYCLE + ", " + PREVIOUS + ".");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("“&lt;b&gt;x” is not a review cycle").doesNotContain("<b>x");
    }

    @Test
    void anUnknownOrganisationOrStreamIsRefused() {
        long cohort = cohort();
        participant(cohort, "Ivy Org", "Leeds Teaching Hospitals", null);
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> organisation = console.get("/console/talent?cohort=" + cohort + "&organisation=Nowhere+Trust");
        HttpResponse<String> stream = console.get("/console/talent?cohort=" + cohort + "&stream=7");

        assertThat(organisation.statusCode()).isEqualTo(400);
        assertThat(organisation.body()).contains("is from the organisation “Nowhere Trust”.");
        assertThat(stream.statusCode()).isEqualTo(400);
        assertThat(stream.body()).contains("There is no development stream “7”");
    }

    // ---- movement

    @Test
    void movementCountsFromEachBoxToEachBoxAndSaysHowManyMovedUpStayedAndMovedDown() {
        long cohort = cohort();
        long up = participant(cohort, "Jo Up");
        agreed(up, PREVIOUS, "MEDIUM_MEDIUM");
        agreed(up, CYCLE, "HIGH_HIGH");
        long same = participant(cohort, "Kim Same");
        agreed(same, PREVIOUS, "MEDIUM_MEDIUM");
        agreed(same, CYCLE, "MEDIUM_MEDIUM");
        long down = participant(cohort, "Lee Down");
        agreed(down, PREVIOUS, "HIGH_HIGH");
        agreed(down, CYCLE, "LOW_MEDIUM");
        agreed(participant(cohort, "Max First"), CYCLE, "LOW_LOW");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> page = console.get("/console/talent/movement?cohort=" + cohort + "&from=" + PREVIOUS + "&to=" + CYCLE);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"up\">1<", "data-testid=\"same\">1<", "data-testid=\"down\">1<",
                "data-testid=\"across\">0<", "1 moved up, 1 stayed in the same box, 1 moved down and 0 moved across",
                "first placed in " + CYCLE + ", 1;", "<svg class=\"movement-svg\" role=\"img\"",
                "movement-svg__dot move-up", "movement-svg__dot move-down", "movement-svg__dot move-same");
        assertThat(List.of(moved(page.body(), "MEDIUM_MEDIUM", "HIGH_HIGH"), moved(page.body(), "MEDIUM_MEDIUM", "MEDIUM_MEDIUM"),
                moved(page.body(), "HIGH_HIGH", "LOW_MEDIUM"), moved(page.body(), "NOT_PLACED", "LOW_LOW"),
                moved(page.body(), "HIGH_HIGH", "HIGH_HIGH"))).containsExactly(1, 1, 1, 1, 0);
        assertThat(rows("SELECT COUNT(*) FROM audit_event WHERE actor = ? AND action = 'VIEW_TALENT_MOVEMENT' AND detail = ?",
                "person:" + patId, "cohort " + cohort + ", from cycle " + PREVIOUS + " to cycle " + CYCLE)).isEqualTo(1);
        assertThat(talentReads(up)).isZero();
    }

    @Test
    void movementTableHasARowAndColumnForNotPlaced() {
        long cohort = cohort();
        agreed(participant(cohort, "Ned Gone"), PREVIOUS, "HIGH_HIGH");
        agreed(participant(cohort, "Ola New"), CYCLE, "HIGH_HIGH");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        String page = console.get("/console/talent/movement?cohort=" + cohort + "&from=" + PREVIOUS + "&to=" + CYCLE).body();

        assertThat(page).contains("<th scope=\"col\">Not placed</th>", "<th scope=\"row\">Not placed</th>",
                "first placed in " + CYCLE + ", 1; placed in " + PREVIOUS + " but not yet in " + CYCLE + ", 1;");
    }

    @Test
    void movementBetweenACycleAndItselfIsRefused() {
        long cohort = cohort();
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> page = console.get("/console/talent/movement?cohort=" + cohort + "&from=" + CYCLE + "&to=" + CYCLE);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Choose two different cycles");
    }

    // ---- moderation queue

    @Test
    void theQueueShowsBothPartiesProposalsSideBySideAsPlainText() {
        long cohort = cohort();
        long sponsor = sponsor("Sue Sponsorqueue");
        long pia = participant(cohort, "Pia Queue");
        sponsorships.save(new Sponsorship(null, pia, sponsor, LocalDate.now().minusMonths(2), null, Instant.now()));
        TalentSeed.write(db, TalentSeed.Review.agreed(pia, sponsor, CYCLE, "HIGH_MEDIUM").answers(
                "{\"proposedBox\":\"HIGH_HIGH\",\"performance\":\"HIGH\",\"rating_aspiration\":\"DEMONSTRATED\","
                        + "\"evidence_aspiration\":\"Led the <b>winter</b> plan\"}",
                "{\"proposedBox\":\"MEDIUM_MEDIUM\",\"performance\":\"MEDIUM\",\"evidence_aspiration\":\"Wants more & sooner\"}"));
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> page = console.get("/console/talent/queue?cohort=" + cohort + "&cycle=" + CYCLE);

        assertThat(page.statusCode()).isEqualTo(200);
        String moderation = section(page.body(), "awaiting-moderation");
        assertThat(moderation).contains("Pia Queue", "Sponsor: Sue Sponsorqueue", "Participant proposed", "Sponsor proposed",
                "Led the &lt;b&gt;winter&lt;/b&gt; plan", "Wants more &amp; sooner", "Mark moderated")
                .doesNotContain("<b>winter</b>");
        assertThat(rows("SELECT COUNT(*) FROM audit_event WHERE actor = ? AND action = 'READ' AND subject_person_id = ?"
                + " AND detail LIKE 'VIEW_TALENT_PROPOSALS: console moderation queue%'", "person:" + patId, pia)).isEqualTo(1);
        assertThat(talentReads(sponsor)).isEqualTo(1);
    }

    @Test
    void markModeratedMovesThePlacementToAwaitingFeedbackOnceEvenWhenPostedTwice() {
        long cohort = cohort();
        long quin = participant(cohort, "Quin Moderate");
        long review = agreed(quin, CYCLE, "HIGH_HIGH");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        String form = "cohort=" + cohort + "&cycle=" + CYCLE;

        HttpResponse<String> first = console.post("/console/talent/reviews/" + review + "/moderated", form);
        HttpResponse<String> second = console.post("/console/talent/reviews/" + review + "/moderated", form);

        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(second.statusCode()).isEqualTo(303);
        assertThat(status(review)).isEqualTo("MODERATED");
        assertThat(rows("SELECT COUNT(*) FROM audit_event WHERE action = 'TALENT_MODERATED' AND subject_person_id = ?", quin)).isEqualTo(1);
        String after = console.get(first.headers().firstValue("Location").orElseThrow()).body();
        assertThat(after).contains("Quin Moderate&#39;s placement is marked moderated. It now waits for feedback.");
        assertThat(section(after, "awaiting-feedback")).contains("Quin Moderate", "Mark fed back");
        assertThat(section(after, "awaiting-moderation")).doesNotContain("Quin Moderate");
        assertThat(console.get(second.headers().firstValue("Location").orElseThrow()).body())
                .contains("Quin Moderate&#39;s placement was already moderated, so nothing was changed.");
    }

    @Test
    void markFedBackAfterModerationTakesThePlacementOutOfTheQueueOnce() {
        long cohort = cohort();
        long rob = participant(cohort, "Rob Fedback");
        long review = TalentSeed.write(db, TalentSeed.Review.agreed(rob, null, CYCLE, "LOW_HIGH").status("MODERATED"));
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        String form = "cohort=" + cohort + "&cycle=" + CYCLE + "&confirm=yes";

        HttpResponse<String> first = console.post("/console/talent/reviews/" + review + "/fed-back", form);
        HttpResponse<String> second = console.post("/console/talent/reviews/" + review + "/fed-back", form);

        assertThat(status(review)).isEqualTo("FED_BACK");
        assertThat(rows("SELECT COUNT(*) FROM audit_event WHERE action = 'TALENT_FED_BACK' AND subject_person_id = ?", rob)).isEqualTo(1);
        String after = console.get(first.headers().firstValue("Location").orElseThrow()).body();
        assertThat(after).contains("placement is marked fed back. The participant is told in Teams.");
        assertThat(after).doesNotContain("Rob Fedback");
        assertThat(console.get(second.headers().firstValue("Location").orElseThrow()).body())
                .contains("placement was already marked fed back, so nothing was changed.");
    }

    @Test
    void markFedBackAsksFirstAndChangesNothingUntilConfirmed() {
        long cohort = cohort();
        long review = TalentSeed.write(db, TalentSeed.Review.agreed(participant(cohort, "Ros Asked"), null, CYCLE, "HIGH_HIGH")
                .status("MODERATED"));
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> asked = console.post("/console/talent/reviews/" + review + "/fed-back", "cohort=" + cohort + "&cycle=" + CYCLE);

        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("Mark Ros Asked&#39;s placement fed back?", "is told in Teams", "Yes, mark it fed back",
                "name=\"confirm\" value=\"yes\"");
        assertThat(status(review)).isEqualTo("MODERATED");
    }

    @Test
    void feedbackBeforeModerationIsRefusedAndChangesNothing() {
        long cohort = cohort();
        long review = agreed(participant(cohort, "Sal Early"), CYCLE, "HIGH_HIGH");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> response = console.post("/console/talent/reviews/" + review + "/fed-back", "cohort=" + cohort);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("This placement is not moderated yet: mark it moderated first.", "Nothing was changed.");
        assertThat(status(review)).isEqualTo("AGREED");
    }

    @Test
    void aReviewOfAnotherCohortIsNotFoundAndNothingChanges() {
        long mine = cohort();
        long theirs = cohort();
        long review = agreed(participant(theirs, "Tom Elsewhere"), CYCLE, "HIGH_HIGH");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> other = console.post("/console/talent/reviews/" + review + "/moderated", "cohort=" + mine);
        HttpResponse<String> none = console.post("/console/talent/reviews/999999999/moderated", "cohort=" + mine);

        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("There is no talent review " + review + " in this cohort.");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(status(review)).isEqualTo("AGREED");
    }

    @Test
    void aStepWithAWrongOrMissingCsrfTokenIsRefusedAndChangesNothing() {
        long cohort = cohort();
        long review = agreed(participant(cohort, "Uma Forged"), CYCLE, "HIGH_HIGH");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> forged = console.post("/console/talent/reviews/" + review + "/moderated", "cohort=" + cohort + "&_csrf=forged");
        HttpResponse<String> missing = console.post("/console/talent/reviews/" + review + "/moderated", "cohort=" + cohort + "&_csrf=");

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(status(review)).isEqualTo("AGREED");
    }

    // ---- outstanding conversations

    @Test
    void outstandingListsConversationsNotYetAgreedWithTheSponsorAndAuditsEachPersonNamed() {
        long cohort = cohort();
        long sponsor = sponsor("Vic Sponsoroutstanding");
        long notStarted = participant(cohort, "Wyn Notstarted");
        sponsorships.save(new Sponsorship(null, notStarted, sponsor, LocalDate.now().minusMonths(2), null, Instant.now()));
        long preparing = participant(cohort, "Xan Preparing");
        TalentSeed.write(db, new TalentSeed.Review(preparing, null, CYCLE, "PREPARING", null, null, null, null, false,
                Instant.now().minus(java.time.Duration.ofDays(3))));
        long agreed = participant(cohort, "Yas Agreed");
        agreed(agreed, CYCLE, "HIGH_HIGH");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> page = console.get("/console/talent/outstanding?cohort=" + cohort + "&cycle=" + CYCLE);

        String table = section(page.body(), "outstanding");
        assertThat(table).contains("Wyn Notstarted", "Vic Sponsoroutstanding", "Not started", "Xan Preparing",
                "Participant preparing", "No current sponsor", "3 days").doesNotContain("Yas Agreed");
        assertThat(page.body()).contains("The " + CYCLE + " cycle opened on 1 April " + CYCLE.substring(0, 4));
        for (long named : List.of(notStarted, preparing, sponsor)) {
            assertThat(talentReads(named)).as("reads of %s", named).isEqualTo(1);
        }
        assertThat(talentReads(agreed)).isZero();
    }

    // ---- privacy and refusal

    @Test
    void theWellbeingNoteAndTheRestOfThePreparationAppearOnNoTalentPage() {
        long cohort = cohort();
        long zoe = participant(cohort, "Zoe Private");
        String wellbeing = "Wellbeing-secret: not sleeping since the night shifts";
        String aspirations = "Aspiration-secret: to leave the NHS";
        TalentSeed.write(db, TalentSeed.Review.agreed(zoe, null, CYCLE, "HIGH_HIGH")
                .answers("{\"proposedBox\":\"HIGH_HIGH\",\"aspirations\":\"" + aspirations + "\",\"driver_purpose_beyond_self\":\"Driver-secret\","
                        + "\"developmentWishes\":\"Wishes-secret\"}", "{\"proposedBox\":\"HIGH_HIGH\"}")
                .wellbeing(wellbeing, true));
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        String q = "?cohort=" + cohort + "&cycle=" + CYCLE;

        List<String> pages = List.of(console.get("/console/talent" + q).body(), console.get("/console/talent/movement?cohort=" + cohort).body(),
                console.get("/console/talent/queue" + q).body(), console.get("/console/talent/outstanding" + q).body());

        assertThat(pages.get(2)).contains("Zoe Private");
        for (String page : pages) {
            assertThat(page).doesNotContain(wellbeing, "Wellbeing-secret", aspirations, "Driver-secret", "Wishes-secret");
        }
    }

    @Test
    void someoneNotOnTheProgrammeTeamIsRefusedEveryTalentPageAndStep() {
        long cohort = cohort();
        long review = agreed(participant(cohort, "Abe Refused"), CYCLE, "HIGH_HIGH");
        long nick = member(new TestUsers.User("29:nick-talent", "aad-nick-talent", "Nick Talentless", "nick.talentless@nhs.net"));
        ConsoleHttp console = new ConsoleHttp(base()).signIn(nick);
        programmeTeam.deleteById(nick);

        for (String path : List.of("/console/talent", "/console/talent/movement", "/console/talent/queue", "/console/talent/outstanding")) {
            HttpResponse<String> page = console.get(path + "?cohort=" + cohort);
            assertThat(page.statusCode()).as(path).isEqualTo(403);
            assertThat(page.body()).as(path).doesNotContain("Abe Refused");
        }
        assertThat(console.post("/console/talent/reviews/" + review + "/moderated", "cohort=" + cohort).statusCode()).isEqualTo(403);
        assertThat(status(review)).isEqualTo("AGREED");
    }

    // ---- helpers

    static String cycleOf(LocalDate day) {
        int start = day.getMonthValue() >= 4 ? day.getYear() : day.getYear() - 1;
        return start + "-" + String.format("%02d", (start + 1) % 100);
    }

    /** The count written in the heat map's box. */
    private static int count(String page, String box) {
        Matcher m = Pattern.compile("data-box=\"" + box + "\">\\s*<span class=\"heat-map__count\">(\\d+)</span>").matcher(page);
        if (!m.find()) {
            throw new AssertionError("no box " + box + " on the page");
        }
        return Integer.parseInt(m.group(1));
    }

    /** The count in the movement table's cell from one box to another. */
    private static int moved(String page, String from, String to) {
        Matcher m = Pattern.compile("data-from=\"" + from + "\" data-to=\"" + to + "\"[^>]*>(\\d+)<").matcher(page);
        if (!m.find()) {
            throw new AssertionError("no cell from " + from + " to " + to);
        }
        return Integer.parseInt(m.group(1));
    }

    /** The part of the page inside the element with that {@code data-testid}, up to the next one. */
    private static String section(String page, String testId) {
        int from = page.indexOf("data-testid=\"" + testId + "\"");
        assertThat(from).as("data-testid " + testId).isNotNegative();
        int to = page.indexOf("data-testid=", from + 15);
        return page.substring(from, to < 0 ? page.length() : to);
    }

    private long cohort() {
        Instant now = Instant.now();
        String name = "Talent " + UUID.randomUUID().toString().substring(0, 8);
        return cohorts.save(new Cohort(null, name, Cohort.key(name), LocalDate.of(2025, 9, 1), LocalDate.of(2027, 8, 31),
                "Europe/London", 14, now, now)).id();
    }

    private long participant(long cohort, String name) {
        return participant(cohort, name, null, null);
    }

    private long participant(long cohort, String name, String organisation, DevelopmentStream stream) {
        Instant now = Instant.now();
        String email = "talent-console-" + PEOPLE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6) + "@nhs.net";
        return people.save(new Person(null, email, name, Role.PARTICIPANT, PersonStatus.ACTIVE, "Europe/London", null, organisation,
                null, stream, cohort, null, null, null, null, now, now)).id();
    }

    private long sponsor(String name) {
        Instant now = Instant.now();
        String email = "talent-sponsor-" + PEOPLE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6) + "@nhs.net";
        return people.save(new Person(null, email, name, Role.SPONSOR, PersonStatus.ACTIVE, "Europe/London", null, null, null, null,
                null, null, null, null, null, now, now)).id();
    }

    private long agreed(long participant, String cycle, String box) {
        return TalentSeed.write(db, TalentSeed.Review.agreed(participant, null, cycle, box));
    }

    /** Reads of the person audited by a talent page (signing in opens the overview, which audits its own). */
    private long talentReads(long person) {
        return rows("SELECT COUNT(*) FROM audit_event WHERE actor = ? AND action = 'READ' AND subject_person_id = ?"
                + " AND (detail LIKE '%console moderation queue%' OR detail LIKE '%console outstanding conversations%')",
                "person:" + patId, person);
    }

    private String status(long review) {
        return db.executeRead(s -> {
            try (PreparedStatement p = s.getConnection().prepareStatement("SELECT status FROM talent_review WHERE id = ?")) {
                p.setLong(1, review);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private long rows(String sql, Object... parameters) {
        return db.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
