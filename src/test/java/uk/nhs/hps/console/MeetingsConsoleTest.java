package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.CohortSeed;
import uk.nhs.hps.support.TestClock;
import uk.nhs.hps.support.TestUsers;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Meetings and engagement page over HTTP, on seeded months (H2 here, PostgreSQL in the subclass). Today is
 * 15 June 2027, so the page shows January to June 2027 and the digest's month is May 2027. The cohort: Ann, whose
 * sponsor changed from Sam to Tess on 10 March (two pairs), Ben (sponsor Sam) and Cara (sponsor Tess), and Erin
 * (sponsor Sam), who was erased.
 */
@MicronautTest(transactional = false, environments = "dev")
class MeetingsConsoleTest extends ConsoleTestBase {

    static final Instant TODAY = Instant.parse("2027-06-15T09:00:00Z");

    @Inject
    TransactionOperations<Connection> db;
    @Inject
    TestClock clock;

    private final String tag = "m" + Long.toString(System.nanoTime(), 36);
    private long cohortId;
    private String cohortName;
    private long ann;
    private long ben;
    private long cara;
    private long erin;
    private long sam;
    private long tess;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(super.extraProperties());
        p.put("hps.test.clock", "manual");
        return p;
    }

    @BeforeAll
    void seed() {
        clock.set(TODAY);
        db.executeWrite(status -> {
            Connection c = status.getConnection();
            cohortName = "Meetings " + tag;
            cohortId = cohort(c, cohortName, LocalDate.parse("2026-09-01"), LocalDate.parse("2028-08-31"));
            sam = person(c, "sam", "Sam Sponsor " + tag, "SPONSOR", null, null, null, false);
            tess = person(c, "tess", "Tess Turner " + tag, "SPONSOR", null, null, null, false);
            ann = person(c, "ann", "Ann Archer " + tag, "PARTICIPANT", cohortId, "Leeds Teaching Hospitals", "ONE", false);
            ben = person(c, "ben", "Ben Baker " + tag, "PARTICIPANT", cohortId, "York NHS Trust", "TWO", false);
            cara = person(c, "cara", "Cara Cole " + tag, "PARTICIPANT", cohortId, "Leeds Teaching Hospitals", null, false);
            erin = person(c, "erin", "Erased person", "PARTICIPANT", cohortId, "York NHS Trust", null, true);
            long annSam = sponsorship(c, ann, sam, "2026-09-01", "2027-03-10");
            long annTess = sponsorship(c, ann, tess, "2027-03-10", null);
            long benSam = sponsorship(c, ben, sam, "2026-09-01", null);
            long caraTess = sponsorship(c, cara, tess, "2026-09-01", null);
            long erinSam = sponsorship(c, erin, sam, "2026-09-01", null);
            month(c, annSam, ann, sam, "2027-01", "MET", "2027-01-12", null, null);
            month(c, annSam, ann, sam, "2027-02", "SKIPPED", null, null, "<b>On leave</b> & away");
            month(c, annSam, ann, sam, "2027-03", "MISSED", null, null, null);
            month(c, annTess, ann, tess, "2027-04", "MISSED", null, null, null);
            month(c, annTess, ann, tess, "2027-05", "MISSED", null, null, null);
            month(c, annTess, ann, tess, "2027-06", "BOOKED", null, "2027-06-24", null);
            month(c, benSam, ben, sam, "2027-01", "MET", "2027-01-20", null, null);
            month(c, benSam, ben, sam, "2027-02", "MET", "2027-02-20", null, null);
            month(c, benSam, ben, sam, "2027-03", "MET", "2027-03-20", null, null);
            month(c, benSam, ben, sam, "2027-04", "MET", "2027-04-20", null, null);
            month(c, benSam, ben, sam, "2027-05", "SKIPPED", null, null, "=1+1 sponsor ill");
            month(c, caraTess, cara, tess, "2027-05", "MET", "2027-05-09", null, null);
            month(c, erinSam, erin, sam, "2027-04", "MISSED", null, null, null);
            month(c, erinSam, erin, sam, "2027-05", "MISSED", null, null, null);
            // Ann: three prompts in the range (one answered within a week, one answered late, one whose entry was
            // deleted), one that failed, one before the range; Ben: no prompts and one entry in June
            prompt(c, ann, "2027-01-05T16:00:00Z", "SENT");
            prompt(c, ann, "2027-02-05T16:00:00Z", "FAILED");
            prompt(c, ann, "2027-03-05T16:00:00Z", "SENT");
            prompt(c, ann, "2027-05-05T15:00:00Z", "SENT");
            prompt(c, ann, "2026-12-05T16:00:00Z", "SENT");
            entry(c, ann, "2027-01-07T10:00:00Z", false);
            entry(c, ann, "2027-03-20T10:00:00Z", false);
            entry(c, ann, "2027-05-06T10:00:00Z", true);
            entry(c, ann, "2026-12-06T10:00:00Z", false);
            entry(c, ben, "2027-06-02T10:00:00Z", false);
            return null;
        });
    }

    // ---- the pairs ----

    @Test
    void eachPairShowsItsMonthsMetBookedMissedAndSkippedWithTotals() {
        String page = console().get(meetings("")).body();

        String annSam = row(page, "Ann Archer", "Sam Sponsor");
        assertThat(text(annSam)).contains("January 2027: Met 12 January 2027", "February 2027: Skipped",
                "March 2027: Missed", "April 2027: Not paired", "June 2027: Not paired")
                .endsWith("1 0 1 1");
        String annTess = row(page, "Ann Archer", "Tess Turner");
        assertThat(text(annTess)).contains("February 2027: Not paired", "March 2027: Nothing recorded", "April 2027: Missed",
                "May 2027: Missed", "June 2027: Booked 24 June 2027").endsWith("0 1 2 0");
        assertThat(text(row(page, "Ben Baker", "Sam Sponsor"))).contains("May 2027: Skipped =1+1 sponsor ill",
                "June 2027: Nothing recorded").endsWith("4 0 0 1");
    }

    @Test
    void aSponsorChangeShowsAsTwoPairsWithTheirDates() {
        String page = console().get(meetings("")).body();

        assertThat(rows(page)).filteredOn(r -> r.contains("Ann Archer")).hasSize(2);
        assertThat(text(row(page, "Ann Archer", "Sam Sponsor"))).contains("1 September 2026 to 10 March 2027");
        assertThat(text(row(page, "Ann Archer", "Tess Turner"))).contains("10 March 2027 onwards");
    }

    @Test
    void aSkipReasonIsShownAsEscapedPlainText() {
        String page = console().get(meetings("")).body();

        assertThat(row(page, "Ann Archer", "Sam Sponsor")).contains("&lt;b&gt;On leave&lt;/b&gt; &amp; away");
        assertThat(page).doesNotContain("<b>On leave</b>");
    }

    @Test
    void anErasedParticipantDoesNotAppear() {
        String page = console().get(meetings("")).body();

        assertThat(page).contains("4 pairs.").doesNotContain("Erased person", "/console/people/" + erin + "\"");
    }

    @Test
    void privateNotesAndReflectionTextNeverAppear() {
        String page = console().get(meetings("")).body();
        String csv = console().get("/console/meetings/export.csv?cohort=" + cohortId).body();

        assertThat(page + csv).doesNotContain("a private note", "A private reflection title");
    }

    @Test
    void aPairWhoseSponsorWasErasedKeepsItsMonthsButNotTheName() {
        long[] ids = db.executeWrite(status -> {
            Connection c = status.getConnection();
            long id = cohort(c, "Erased sponsor " + tag, LocalDate.parse("2027-01-01"), LocalDate.parse("2028-12-31"));
            long pia = person(c, "pia", "Pia Pairless " + tag, "PARTICIPANT", id, null, null, false);
            long gone = person(c, "gone", "Erased person", "SPONSOR", null, null, null, true);
            month(c, sponsorship(c, pia, gone, "2027-01-01", null), pia, gone, "2027-03", "MET", "2027-03-03", null, null);
            return new long[]{id, gone};
        });
        long member = member(new TestUsers.User("29:meet-gone-" + tag, "aad-meet-gone-" + tag, "Gia Gone", "gia.gone." + tag + "@nhs.net"));

        String page = new ConsoleHttp(base()).signIn(member).get("/console/meetings?cohort=" + ids[0]).body();

        assertThat(text(rows(page).get(0))).contains("Pia Pairless " + tag, "(erased)", "March 2027: Met 3 March 2027");
        assertThat(page).doesNotContain("Erased person");
        // (signing in opens the cohort overview, which audits the people it names in its own words)
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE actor = ? AND subject_person_id = ? AND detail LIKE 'VIEW_MEETING%'",
                "person:" + member, ids[1])).isZero();
    }

    @Test
    void aChosenRangeOfMonthsIsShown() {
        String page = console().get(meetings("&from=2026-11&to=2027-02")).body();

        assertThat(page).contains("November 2026 to February 2027");
        assertThat(text(row(page, "Ann Archer", "Sam Sponsor"))).contains("November 2026: Nothing recorded",
                "February 2027: Skipped").doesNotContain("March 2027:").endsWith("1 0 0 1");
    }

    // ---- the digest ----

    @Test
    void theDigestShowsLastMonthsMeetingsPerCohortAndStream() {
        String page = console().get(meetings("")).body();

        assertThat(page).contains("Escalation digest: May 2027");
        String digest = section(page, "data-testid=\"digest-table\"", "</table>");
        String line = text(between(digest, cohortName, "</tr>"));
        assertThat(line).isEqualTo("1 1 2 0");
        assertThat(text(digest)).contains(cohortName + " 1 1 2 0 stream 1 0 0 1 0 stream 2 0 1 0 0 no stream recorded 1 0 1 0");
    }

    @Test
    void theDigestNamesWhoMissedTwoMonthsInARowButNotTheErased() {
        String page = console().get(meetings("")).body();

        String twice = text(section(page, "data-testid=\"digest-twice\"", "</ul>"));
        assertThat(twice.replace(" )", ")")).contains("Ann Archer " + tag + " (sponsor Tess Turner " + tag + ")").doesNotContain("Erased person");
    }

    @Test
    void theDigestIsShownForTheMonthChosen() {
        String page = console().get(meetings("&digest=2027-04")).body();

        assertThat(page).contains("Escalation digest: April 2027");
        String digest = section(page, "data-testid=\"digest-table\"", "</table>");
        assertThat(text(between(digest, cohortName, "</tr>"))).isEqualTo("1 0 2 0");
    }

    // ---- engagement ----

    @Test
    void engagementCountsPromptsAnsweredWithinAWeekAndReflectionsLoggedInTheRange() {
        String page = console().get(meetings("")).body();

        String engagement = section(page, "data-testid=\"engagement-table\"", "</table>");
        assertThat(text(between(engagement, "Ann Archer " + tag, "</tr>"))).isEqualTo("3 1 33% 2");
        assertThat(text(between(engagement, "Ben Baker " + tag, "</tr>"))).isEqualTo("0 0 – 1");
        assertThat(text(between(engagement, "Cara Cole " + tag, "</tr>"))).isEqualTo("0 0 – 0");
    }

    @Test
    void engagementListsEachParticipantOnceWhateverTheirPairs() {
        String page = console().get(meetings("")).body();

        String engagement = section(page, "data-testid=\"engagement-table\"", "</table>");
        assertThat(engagement.split("Ann Archer " + tag, -1)).hasSize(2);
    }

    // ---- filters ----

    @Test
    void filtersByStream() {
        String page = console().get(meetings("&stream=2")).body();

        assertThat(pairNames(page)).containsExactly("Ben Baker/Sam Sponsor");
    }

    @Test
    void filtersByParticipantsWithNoStreamRecorded() {
        String page = console().get(meetings("&stream=none")).body();

        assertThat(pairNames(page)).containsExactly("Cara Cole/Tess Turner");
    }

    @Test
    void filtersByOrganisation() {
        String page = console().get(meetings("&organisation=" + ConsoleHttp.enc("Leeds Teaching Hospitals"))).body();

        assertThat(pairNames(page)).containsExactly("Ann Archer/Sam Sponsor", "Ann Archer/Tess Turner", "Cara Cole/Tess Turner");
    }

    @Test
    void searchesBySponsorOrParticipantName() {
        String bySponsor = console().get(meetings("&q=tess+turner")).body();
        String byParticipant = console().get(meetings("&q=BEN")).body();

        assertThat(pairNames(bySponsor)).containsExactly("Ann Archer/Tess Turner", "Cara Cole/Tess Turner");
        assertThat(pairNames(byParticipant)).containsExactly("Ben Baker/Sam Sponsor");
    }

    @Test
    void onlyPairsWithAMissedMonthKeepsTheFilterInTheLinks() {
        String page = console().get(meetings("&missed=yes")).body();

        assertThat(pairNames(page)).containsExactly("Ann Archer/Sam Sponsor", "Ann Archer/Tess Turner");
        assertThat(page).contains("id=\"missed\" name=\"missed\" value=\"yes\" checked")
                .contains("href=\"/console/meetings/export.csv?cohort=" + cohortId + "&amp;missed=yes\"");
    }

    @Test
    void aFilterMatchingNobodySaysWhatToDo() {
        String page = console().get(meetings("&q=nobody-at-all")).body();

        assertThat(page).contains("data-testid=\"no-match\"", "No pairs match these filters").doesNotContain("data-testid=\"pairs-table\"");
    }

    // ---- CSV ----

    @Test
    void theCsvHoldsWhatTheFilterShowsWithFormulasNeutralised() {
        HttpResponse<String> csv = console().get("/console/meetings/export.csv?cohort=" + cohortId + "&stream=2");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment; filename=\"meetings-");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("\"participant\",\"sponsor\",\"organisation\",\"stream\",\"paired_from\",\"paired_until\","
                + "\"January 2027\",\"February 2027\",\"March 2027\",\"April 2027\",\"May 2027\",\"June 2027\","
                + "\"months_met\",\"months_booked\",\"months_missed\",\"months_skipped\",\"prompts_sent\","
                + "\"prompts_answered_within_7_days\",\"reflections_logged\"");
        assertThat(lines[1]).isEqualTo("\"Ben Baker " + tag + "\",\"Sam Sponsor " + tag + "\",\"York NHS Trust\",\"2\","
                + "\"1 September 2026\",\"\",\"met on 20 January 2027\",\"met on 20 February 2027\",\"met on 20 March 2027\","
                + "\"met on 20 April 2027\",\"skipped: =1+1 sponsor ill\",\"nothing recorded\",\"4\",\"0\",\"0\",\"1\",\"0\",\"0\",\"1\"");
    }

    @Test
    void aCsvCellThatStartsLikeAFormulaIsNeutralised() {
        long evil = db.executeWrite(status -> {
            Connection c = status.getConnection();
            long id = cohort(c, "Formulas " + tag, LocalDate.parse("2027-01-01"), LocalDate.parse("2028-12-31"));
            long p = person(c, "evil", "=HYPERLINK(\"http://evil\") " + tag, "PARTICIPANT", id, "@SUM(A1)", null, false);
            sponsorship(c, p, sam, "2027-01-01", null);
            return id;
        });

        String csv = console().get("/console/meetings/export.csv?cohort=" + evil).body();

        assertThat(csv.split("\r\n")[1]).startsWith("\"'=HYPERLINK(\"\"http://evil\"\") " + tag + "\",\"Sam Sponsor " + tag
                + "\",\"'@SUM(A1)\"");
    }

    @Test
    void theCsvOfABadFilterShowsThePageWithTheProblem() {
        HttpResponse<String> csv = console().get("/console/meetings/export.csv?cohort=" + cohortId + "&from=June");

        assertThat(csv.statusCode()).isEqualTo(422);
        assertThat(csv.body()).contains("There is a problem", "href=\"#from\"");
    }

    // ---- audit ----

    @Test
    void everyPersonNamedIsAnAuditedReadButNotTheErased() {
        long member = member(new TestUsers.User("29:meet-audit-" + tag, "aad-meet-audit-" + tag, "Mia Audit", "mia.audit." + tag + "@nhs.net"));
        ConsoleHttp console = new ConsoleHttp(base()).signIn(member);

        console.get(meetings(""));

        String why = "VIEW_MEETING_STATUS: console: meetings and engagement";
        for (long named : List.of(ann, ben, cara, sam, tess)) {
            assertThat(count("SELECT COUNT(*) FROM audit_event WHERE actor = ? AND action = 'READ' AND subject_person_id = ?"
                    + " AND detail = ?", "person:" + member, named, why)).as("person %d", named).isEqualTo(1);
        }
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE actor = ? AND subject_person_id = ?", "person:" + member, erin))
                .isZero();
    }

    @Test
    void theCsvAuditsAReadOfEveryPersonInIt() {
        long member = member(new TestUsers.User("29:meet-csv-" + tag, "aad-meet-csv-" + tag, "Max Csv", "max.csv." + tag + "@nhs.net"));
        ConsoleHttp console = new ConsoleHttp(base()).signIn(member);

        console.get("/console/meetings/export.csv?cohort=" + cohortId + "&stream=2");

        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE actor = ? AND action = 'READ' AND detail = ?",
                "person:" + member, "VIEW_MEETING_STATUS: console: meetings and engagement CSV")).isEqualTo(2);
    }

    // ---- bad input and who may see it ----

    @Test
    void anUnknownCohortIsNotFoundAndSaysWhatToDo() {
        HttpResponse<String> page = console().get("/console/meetings?cohort=987654321");
        HttpResponse<String> word = console().get("/console/meetings?cohort=abc");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("There is no cohort 987654321.", "Choose a cohort from the list");
        assertThat(word.statusCode()).isEqualTo(404);
    }

    @Test
    void aMonthThatIsNotAMonthShowsTheProblemAndKeepsWhatWasTyped() {
        HttpResponse<String> response = console().get(meetings("&from=2027-13&q=ann"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("There is a problem", "href=\"#from\"",
                "Enter the first month as a year and month, for example 2027-05.", "value=\"2027-13\"", "value=\"ann\"")
                .doesNotContain("data-testid=\"pairs-table\"");
    }

    @Test
    void aLastMonthBeforeTheFirstIsAProblem() {
        HttpResponse<String> response = console().get(meetings("&from=2027-05&to=2027-02"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("href=\"#to\"", "The last month must be the same as or after the first month.");
    }

    @Test
    void moreThanTwentyFourMonthsIsAProblem() {
        HttpResponse<String> response = console().get(meetings("&from=2025-01&to=2027-01"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("href=\"#to\"", "Choose at most 24 months");
    }

    @Test
    void aDigestMonthThatHasNotEndedIsAProblem() {
        HttpResponse<String> response = console().get(meetings("&digest=2027-06"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("href=\"#digest\"", "Choose a month that has ended: May 2027 or earlier.");
    }

    @Test
    void anUnknownStreamIsAProblem() {
        HttpResponse<String> response = console().get(meetings("&stream=7"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("href=\"#stream\"", "Choose stream 1, stream 2");
    }

    @Test
    void someoneNotOnTheProgrammeTeamIsRefusedThePageAndTheCsv() {
        long nick = member(new TestUsers.User("29:nick-meet-" + tag, "aad-nick-meet-" + tag, "Nick Meet", "nick.meet." + tag + "@nhs.net"));
        ConsoleHttp console = new ConsoleHttp(base()).signIn(nick);
        programmeTeam.deleteById(nick);

        HttpResponse<String> page = console.get(meetings(""));
        HttpResponse<String> csv = console.get("/console/meetings/export.csv?cohort=" + cohortId);

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(csv.statusCode()).isEqualTo(403);
        assertThat(page.body() + csv.body()).doesNotContain("Ann Archer", "On leave");
    }

    // ---- empty states and paging ----

    @Test
    void aCohortWithNoPairingsSaysHowToAddSponsors() {
        long empty = db.executeWrite(status -> {
            long id = cohort(status.getConnection(), "No pairs " + tag, LocalDate.parse("2027-01-01"), LocalDate.parse("2028-12-31"));
            person(status.getConnection(), "lone", "Lone Participant " + tag, "PARTICIPANT", id, null, null, false);
            return id;
        });

        String page = console().get("/console/meetings?cohort=" + empty).body();

        assertThat(page).contains("data-testid=\"no-pairs\"", "No participant in this cohort has a sponsor yet", "/console/roster");
    }

    @Test
    void aCohortThatHasNotStartedSaysWhenItsMonthsAppear() {
        long later = db.executeWrite(status -> cohort(status.getConnection(), "Later " + tag, LocalDate.parse("2027-09-01"),
                LocalDate.parse("2029-08-31")));

        String page = console().get("/console/meetings?cohort=" + later).body();

        assertThat(page).contains("data-testid=\"no-months\"", "starts on 1 September 2027: its months appear here from then");
    }

    @Test
    void aHundredPairsAPageWithALinkToTheNext() {
        CohortSeed.Seeded big = CohortSeed.seed(db, TODAY, 102, 2, "meetpaging" + tag);

        String first = console().get("/console/meetings?cohort=" + big.cohortId()).body();
        String second = console().get("/console/meetings?cohort=" + big.cohortId() + "&page=2").body();

        assertThat(first).contains("102 pairs.", "Page 1 of 2").contains("href=\"/console/meetings?cohort=" + big.cohortId() + "&amp;page=2\"");
        assertThat(rows(first)).hasSize(100);
        assertThat(rows(second)).hasSize(2);
    }

    @Test
    void theNavigationMarksMeetingsAsTheCurrentPage() {
        String page = console().get(meetings("")).body();

        assertThat(page).contains("href=\"/console/meetings\" aria-current=\"page\">Meetings</a>");
    }

    // ---- helpers ----

    private ConsoleHttp console() {
        return new ConsoleHttp(base()).signIn(patId);
    }

    private String meetings(String more) {
        return "/console/meetings?cohort=" + cohortId + more;
    }

    private static List<String> rows(String page) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<tr[^>]*data-testid=\"pair\"[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(page);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private String row(String page, String participant, String sponsor) {
        List<String> found = rows(page).stream()
                .filter(r -> r.contains(participant + " " + tag) && r.contains(sponsor + " " + tag)).toList();
        assertThat(found).as("the row of %s and %s", participant, sponsor).hasSize(1);
        return found.get(0);
    }

    /** "Participant/Sponsor" of each row, without the test's tag. */
    private List<String> pairNames(String page) {
        return rows(page).stream().map(r -> {
            Matcher m = Pattern.compile(">([^<>]+) " + tag + "</a>").matcher(r);
            List<String> names = new ArrayList<>();
            while (m.find()) {
                names.add(m.group(1));
            }
            return String.join("/", names);
        }).toList();
    }

    private static String text(String html) {
        return html.replaceAll("<[^>]+>", " ").replace("&nbsp;", " ").replaceAll("\\s+", " ").strip();
    }

    private static String section(String page, String start, String end) {
        int from = page.indexOf(start);
        assertThat(from).as("the page has %s", start).isGreaterThanOrEqualTo(0);
        return page.substring(from, page.indexOf(end, from) + end.length());
    }

    /** What follows {@code start} up to {@code end}, without the start itself (the rest of the element it is in). */
    private static String between(String html, String start, String end) {
        int from = html.indexOf(start);
        assertThat(from).as("has %s", start).isGreaterThanOrEqualTo(0);
        String rest = html.substring(from + start.length(), html.indexOf(end, from));
        return rest.substring(rest.indexOf('>') + 1);
    }

    private long count(String sql, Object... parameters) {
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

    private long cohort(Connection c, String name, LocalDate starts, LocalDate ends) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO cohort (name, name_key, starts_on, ends_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)""",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, name);
            s.setString(2, name.toLowerCase());
            s.setDate(3, Date.valueOf(starts));
            s.setDate(4, Date.valueOf(ends));
            s.setObject(5, TODAY.atOffset(ZoneOffset.UTC));
            s.setObject(6, TODAY.atOffset(ZoneOffset.UTC));
            s.executeUpdate();
            return key(s);
        }
    }

    private long person(Connection c, String handle, String name, String role, Long cohort, String organisation,
                        String stream, boolean erased) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO person (email, display_name, role, status, time_zone, cohort_id, organisation, development_stream,
                                    anonymised_at, created_at, updated_at)
                VALUES (?, ?, ?, 'ACTIVE', 'Europe/London', ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, handle + "." + tag + "@nhs.net");
            s.setString(2, name);
            s.setString(3, role);
            s.setObject(4, cohort);
            s.setString(5, organisation);
            s.setString(6, stream);
            s.setObject(7, erased ? TODAY.atOffset(ZoneOffset.UTC) : null);
            s.setObject(8, TODAY.atOffset(ZoneOffset.UTC));
            s.setObject(9, TODAY.atOffset(ZoneOffset.UTC));
            s.executeUpdate();
            return key(s);
        }
    }

    private long sponsorship(Connection c, long participant, long sponsor, String starts, String ends) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO sponsorship (participant_id, sponsor_id, starts_on, ends_on, created_at) VALUES (?, ?, ?, ?, ?)""",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setLong(1, participant);
            s.setLong(2, sponsor);
            s.setDate(3, Date.valueOf(starts));
            s.setDate(4, ends == null ? null : Date.valueOf(ends));
            s.setObject(5, TODAY.atOffset(ZoneOffset.UTC));
            s.executeUpdate();
            return key(s);
        }
    }

    private static void month(Connection c, long sponsorship, long participant, long sponsor, String month, String status,
                              String metOn, String bookedFor, String reason) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO meeting_month (sponsorship_id, participant_id, sponsor_id, month_start, status, met_on, booked_for,
                                           reason, note, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'a private note', ?)""")) {
            s.setLong(1, sponsorship);
            s.setLong(2, participant);
            s.setLong(3, sponsor);
            s.setDate(4, Date.valueOf(month + "-01"));
            s.setString(5, status);
            s.setDate(6, metOn == null ? null : Date.valueOf(metOn));
            s.setDate(7, bookedFor == null ? null : Date.valueOf(bookedFor));
            s.setString(8, reason);
            s.setObject(9, TODAY.atOffset(ZoneOffset.UTC));
            s.executeUpdate();
        }
    }

    private void prompt(Connection c, long person, String sentAt, String status) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO outbound_message (idempotency_key, campaign, person_id, payload, not_before, status, created_at,
                                              updated_at, sent_at) VALUES (?, ?, ?, '{}', ?, ?, ?, ?, ?)""")) {
            var at = Instant.parse(sentAt).atOffset(ZoneOffset.UTC);
            s.setString(1, "reflection-prompt:" + person + ":" + sentAt);
            s.setString(2, "nudge:reflection-prompt:" + sentAt.substring(0, 7));
            s.setLong(3, person);
            s.setObject(4, at);
            s.setString(5, status);
            s.setObject(6, at);
            s.setObject(7, at);
            s.setObject(8, "SENT".equals(status) ? at : null);
            s.executeUpdate();
        }
    }

    private static void entry(Connection c, long person, String createdAt, boolean deleted) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO reflection_entry (person_id, template, title, experienced_on, answers, dimensions,
                                              learning_source, version, created_at, updated_at, deleted_at)
                VALUES (?, 'ROLFE', 'A private reflection title', ?, '{}', '', 'EXPERIENCE', 1, ?, ?, ?)""")) {
            var at = Instant.parse(createdAt).atOffset(ZoneOffset.UTC);
            s.setLong(1, person);
            s.setDate(2, Date.valueOf(createdAt.substring(0, 10)));
            s.setObject(3, at);
            s.setObject(4, at);
            s.setObject(5, deleted ? at : null);
            s.executeUpdate();
        }
    }

    private static long key(PreparedStatement s) throws java.sql.SQLException {
        try (ResultSet keys = s.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}
