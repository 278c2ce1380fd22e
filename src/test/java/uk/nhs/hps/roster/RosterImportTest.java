package uk.nhs.hps.roster;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.cohort.ManagingCohorts;
import uk.nhs.hps.people.CareerTransition;
import uk.nhs.hps.people.CoachAssignment;
import uk.nhs.hps.people.DevelopmentStream;
import uk.nhs.hps.people.CoachAssignmentRepository;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;
import uk.nhs.hps.support.BotTestBase;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Roster CSV import: validation, dry run, commit, idempotence and sponsor history. Runs on H2; a subclass on PostgreSQL. */
@MicronautTest(transactional = false)
public class RosterImportTest extends BotTestBase {

    public static final String HEADER = "email,name,organisation,band,cohort,sponsor_email,sponsor_name,coach_email,coach_name,time_zone\n";

    static final String STREAM_HEADER = HEADER.strip() + ",stream\n";

    @Inject
    ImportingRoster importing;
    @Inject
    ManagingCohorts cohorts;
    @Inject
    PersonRepository people;
    @Inject
    SponsorshipRepository sponsorships;
    @Inject
    CoachAssignmentRepository coaching;
    @Inject
    AuditLog audit;

    @Test
    void cleanFileImportsParticipantsSponsorsCoachesAndPairings() {
        String cohort = newCohort();
        String csv = HEADER
                + "ann@" + cohort + ".nhs.net,Ann Able,Leeds Teaching Hospitals,8a," + cohort + ",sue@" + cohort + ".nhs.net,Sue Sponsor,cal@" + cohort + ".nhs.net,Cal Coach,\n"
                + "bob@" + cohort + ".nhs.net,Bob Baker,NHS England,8b," + cohort + ",sue@" + cohort + ".nhs.net,Sue Sponsor,,,Europe/Dublin\n";

        ImportReport report = commit(csv);

        assertThat(report.committed()).isTrue();
        assertThat(report.problems()).isEmpty();
        assertThat(report.created()).isEqualTo(2);
        assertThat(report.sponsorsAdded()).isEqualTo(1);
        assertThat(report.coachesAdded()).isEqualTo(1);
        Person ann = people.findByEmail("ann@" + cohort + ".nhs.net").orElseThrow();
        Person sue = people.findByEmail("sue@" + cohort + ".nhs.net").orElseThrow();
        Person cal = people.findByEmail("cal@" + cohort + ".nhs.net").orElseThrow();
        assertThat(ann.role()).isEqualTo(Role.PARTICIPANT);
        assertThat(ann.organisation()).isEqualTo("Leeds Teaching Hospitals");
        assertThat(ann.band()).isEqualTo("8a");
        assertThat(sue.role()).isEqualTo(Role.SPONSOR);
        assertThat(sue.displayName()).isEqualTo("Sue Sponsor");
        assertThat(cal.role()).isEqualTo(Role.COACH);
        assertThat(people.findByEmail("bob@" + cohort + ".nhs.net").orElseThrow().timeZone()).isEqualTo("Europe/Dublin");
        assertThat(sponsorships.findByParticipantIdOrderByStartsOn(ann.id()))
                .extracting(Sponsorship::sponsorId, Sponsorship::endsOn).containsExactly(tuple(sue.id(), null));
        assertThat(coaching.findByParticipantIdOrderByStartsOn(ann.id())).extracting(CoachAssignment::coachId).containsExactly(cal.id());
    }

    @Test
    void dryRunReportsWhatWouldChangeAndWritesNothing() {
        String cohort = newCohort();
        String csv = HEADER + "dora@" + cohort + ".nhs.net,Dora Dry,,," + cohort + ",sid@" + cohort + ".nhs.net,,,,\n";

        ImportReport report = importing.importCsv(bytes(csv), ImportMode.DRY_RUN, "person:1", "test");

        assertThat(report.committed()).isFalse();
        assertThat(report.created()).isEqualTo(1);
        assertThat(report.sponsorsAdded()).isEqualTo(1);
        assertThat(people.findByEmail("dora@" + cohort + ".nhs.net")).isEmpty();
        assertThat(people.findByEmail("sid@" + cohort + ".nhs.net")).isEmpty();
    }

    @Test
    void dirtyFileReportsEveryBadRowWithLineAndReasonAndImportsNothing() {
        String cohort = newCohort();
        String d = "@" + cohort + ".nhs.net";
        String csv = HEADER
                + "good" + d + ",Good Row,,," + cohort + ",s" + d + ",,,,\n"           // line 2
                + ",No Email,,," + cohort + ",s" + d + ",,,,\n"                         // line 3
                + "not-an-email,Bad Email,,," + cohort + ",s" + d + ",,,,\n"            // line 4
                + "who" + d + ",Unknown Cohort,,,No Such Cohort,s" + d + ",,,,\n"      // line 5
                + "self" + d + ",Self Sponsor,,," + cohort + ",SELF" + d + ",,,,\n"     // line 6
                + "GOOD" + d + ",Good Again,,," + cohort + ",s" + d + ",,,,\n";         // line 7

        ImportReport report = commit(csv);

        assertThat(report.committed()).isFalse();
        assertThat(report.problems()).extracting(RowProblem::line, RowProblem::reason).containsExactly(
                tuple(3L, "missing e-mail"),
                tuple(4L, "malformed e-mail"),
                tuple(5L, "unknown cohort (add it first)"),
                tuple(6L, "a person cannot be their own sponsor"),
                tuple(7L, "duplicate row: this e-mail is already on line 2"));
        assertThat(people.findByEmail("good" + d)).isEmpty();
    }

    @Test
    void goodRowsOnlyAreImportedWhenAsked() {
        String cohort = newCohort();
        String d = "@" + cohort + ".nhs.net";
        String csv = HEADER + "keep" + d + ",Keep Me,,," + cohort + ",s" + d + ",,,,\n"
                + "bad" + d + ",Bad Cohort,,,Nope,s" + d + ",,,,\n";

        ImportReport report = importing.importCsv(bytes(csv), ImportMode.COMMIT_VALID_ROWS, "person:1", "test");

        assertThat(report.committed()).isTrue();
        assertThat(report.problems()).hasSize(1);
        assertThat(people.findByEmail("keep" + d)).isPresent();
        assertThat(people.findByEmail("bad" + d)).isEmpty();
    }

    @Test
    void reimportingTheSameFileChangesNothing() {
        String cohort = newCohort();
        String d = "@" + cohort + ".nhs.net";
        String csv = HEADER + "ida" + d + ",Ida Idem,Trust,7," + cohort + ",s" + d + ",Sam S,c" + d + ",Cy C,\n";
        commit(csv);
        Person before = people.findByEmail("ida" + d).orElseThrow();

        ImportReport again = commit(csv);

        assertThat(again.created()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(again.sponsorChanges()).isZero();
        assertThat(again.coachChanges()).isZero();
        assertThat(people.findByEmail("ida" + d).orElseThrow()).isEqualTo(before);
        assertThat(sponsorships.findByParticipantIdOrderByStartsOn(before.id())).hasSize(1);
        assertThat(coaching.findByParticipantIdOrderByStartsOn(before.id())).hasSize(1);
    }

    @Test
    void emailsWithOddCaseAndWhitespaceMatchTheSamePerson() {
        String cohort = newCohort();
        String d = "@" + cohort + ".nhs.net";
        commit(HEADER + "olive" + d + ",Olive Odd,,," + cohort + ",s" + d + ",,,,\n");

        ImportReport again = commit(HEADER + "\"  OLIVE" + d.toUpperCase() + " \",Olive Odd,,," + cohort + ", S" + d + " ,,,,\n");

        assertThat(again.created()).isZero();
        assertThat(again.unchanged()).isEqualTo(1);
    }

    @Test
    void sponsorChangeEndsTheOldSponsorshipAndKeepsIt() {
        String cohort = newCohort();
        String d = "@" + cohort + ".nhs.net";
        commit(HEADER + "pia" + d + ",Pia P,,," + cohort + ",old" + d + ",Old Sponsor,,,\n");

        ImportReport changed = commit(HEADER + "pia" + d + ",Pia P,,," + cohort + ",new" + d + ",New Sponsor,,,\n");

        assertThat(changed.sponsorChanges()).isEqualTo(1);
        Person pia = people.findByEmail("pia" + d).orElseThrow();
        Person oldSponsor = people.findByEmail("old" + d).orElseThrow();
        Person newSponsor = people.findByEmail("new" + d).orElseThrow();
        List<Sponsorship> history = sponsorships.findByParticipantIdOrderByStartsOn(pia.id());
        assertThat(history).extracting(Sponsorship::sponsorId).containsExactlyInAnyOrder(oldSponsor.id(), newSponsor.id());
        assertThat(history).filteredOn(Sponsorship::isCurrent).extracting(Sponsorship::sponsorId).containsExactly(newSponsor.id());
        assertThat(history).filteredOn(s -> !s.isCurrent()).allSatisfy(s -> assertThat(s.endsOn()).isNotNull());
    }

    @Test
    void bomSemicolonsAndQuotedFieldsAreRead() {
        String cohort = newCohort();
        String d = "@" + cohort + ".nhs.net";
        String csv = "\uFEFFEmail;Name;Organisation;Cohort;Sponsor e-mail\n"
                + "quinn" + d + ";\"Quinn; Quoted\";\"Trust, \"\"North\"\"\";" + cohort + ";s" + d + "\n";

        ImportReport report = commit(csv);

        assertThat(report.problems()).isEmpty();
        Person quinn = people.findByEmail("quinn" + d).orElseThrow();
        assertThat(quinn.displayName()).isEqualTo("Quinn; Quoted");
        assertThat(quinn.organisation()).isEqualTo("Trust, \"North\"");
    }

    @Test
    void formulaCellsAreStoredAsTextAndNeutralisedOnExport() {
        String cohort = newCohort();
        String d = "@" + cohort + ".nhs.net";
        commit(HEADER + "fay" + d + ",\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",@SUM(1),+1," + cohort + ",s" + d + ",-2,,,\n");

        String exported = exportingRoster.csv("person:1", "test");

        assertThat(people.findByEmail("fay" + d).orElseThrow().displayName()).startsWith("=HYPERLINK");
        String line = exported.lines().filter(l -> l.startsWith("fay")).findFirst().orElseThrow();
        assertThat(line).contains("'=HYPERLINK").contains("'@SUM(1)").contains("'+1").contains("'-2");
    }

    @Inject
    ExportingRoster exportingRoster;

    @Test
    void malformedCsvIsRefusedWithAClearErrorAndNothingWritten() {
        String cohort = newCohort();
        String csv = HEADER + "mal@" + cohort + ".nhs.net,\"Unclosed quote,,," + cohort + ",s@x.nhs.net,,,,\n";

        assertThatThrownBy(() -> commit(csv)).isInstanceOf(MalformedRoster.class).hasMessageContaining("not valid CSV");
        assertThat(people.findByEmail("mal@" + cohort + ".nhs.net")).isEmpty();
    }

    @Test
    void missingColumnsAreNamed() {
        assertThatThrownBy(() -> commit("email,name\na@b.nhs.net,A\n"))
                .isInstanceOf(MalformedRoster.class).hasMessageContaining("cohort, sponsor_email");
    }

    @Test
    void nonUtf8FileIsRefused() {
        byte[] latin1 = (HEADER + "zoë@x.nhs.net,Zoë,,,C,s@x.nhs.net,,,,\n").getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> importing.importCsv(latin1, ImportMode.COMMIT, "person:1", "test"))
                .isInstanceOf(MalformedRoster.class).hasMessageContaining("not UTF-8");
    }

    @Test
    void fiftyThousandRowsAreRefusedAsTooManyAndNothingWritten() {
        String cohort = newCohort();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 50_000; i++) {
            csv.append("p").append(i).append('@').append(cohort).append(".nhs.net,P ").append(i).append(",,,")
                    .append(cohort).append(",s@").append(cohort).append(".nhs.net,,,,\n");
        }

        assertThatThrownBy(() -> commit(csv.toString())).isInstanceOf(MalformedRoster.class).hasMessageContaining("more than 10,000 rows");
        assertThat(people.findByEmail("p0@" + cohort + ".nhs.net")).isEmpty();
    }

    @Test
    void committedImportIsAuditedWithoutNamingAnyone() {
        String cohort = newCohort();
        commit(HEADER + "aud@" + cohort + ".nhs.net,Aud It,,," + cohort + ",s@" + cohort + ".nhs.net,,,,\n");

        assertThat(audit.by("person:42")).filteredOn(e -> e.action().equals(AuditLog.IMPORT)).last()
                .satisfies(e -> assertThat(e.detail()).contains("1 new").doesNotContain("aud@"));
    }

    @Test
    void streamColumnRecordsTheDevelopmentStreamAndItsTransition() {
        String cohort = newCohort();
        String d = "@" + cohort + ".nhs.net";
        String csv = STREAM_HEADER
                + "one" + d + ",One Stream,,8a," + cohort + ",s" + d + ",,,,,1\n"
                + "two" + d + ",Two Stream,,8b," + cohort + ",s" + d + ",,,,, 2 \n";

        ImportReport report = commit(csv);

        assertThat(report.problems()).isEmpty();
        assertThat(people.findByEmail("one" + d).orElseThrow().stream()).isEqualTo(DevelopmentStream.ONE);
        Person two = people.findByEmail("two" + d).orElseThrow();
        assertThat(two.stream()).isEqualTo(DevelopmentStream.TWO);
        assertThat(two.stream().transition()).isEqualTo(CareerTransition.TWO);
    }

    @Test
    void streamIsNeverInferredFromTheBand() {
        String cohort = newCohort();
        String d = "@" + cohort + ".nhs.net";

        commit(STREAM_HEADER + "band" + d + ",Band Only,,8d," + cohort + ",s" + d + ",,,,,\n");

        assertThat(people.findByEmail("band" + d).orElseThrow().stream()).isNull();
    }

    @Test
    void streamOtherThanOneOrTwoIsARowProblemInTheDryRun() {
        String cohort = newCohort();
        String d = "@" + cohort + ".nhs.net";
        String csv = STREAM_HEADER
                + "three" + d + ",Three,,," + cohort + ",s" + d + ",,,,,3\n"
                + "word" + d + ",Word,,," + cohort + ",s" + d + ",,,,,stream 1\n";

        ImportReport report = importing.importCsv(bytes(csv), ImportMode.DRY_RUN, "person:1", "test");

        assertThat(report.problems()).extracting(RowProblem::line, RowProblem::reason).containsExactly(
                tuple(2L, "stream must be 1 or 2 (the development stream applied to), or empty if not known"),
                tuple(3L, "stream must be 1 or 2 (the development stream applied to), or empty if not known"));
    }

    @Test
    void fileWithoutAStreamColumnKeepsTheRecordedStream() {
        String cohort = newCohort();
        String d = "@" + cohort + ".nhs.net";
        commit(STREAM_HEADER + "keep" + d + ",Keep Stream,,," + cohort + ",s" + d + ",,,,,2\n");

        ImportReport again = commit(HEADER + "keep" + d + ",Keep Stream,,," + cohort + ",s" + d + ",,,,\n");

        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(people.findByEmail("keep" + d).orElseThrow().stream()).isEqualTo(DevelopmentStream.TWO);
    }

    @Test
    void changedStreamInTheFileUpdatesThePerson() {
        String cohort = newCohort();
        String d = "@" + cohort + ".nhs.net";
        commit(STREAM_HEADER + "move" + d + ",Move Stream,,," + cohort + ",s" + d + ",,,,,1\n");

        ImportReport again = commit(STREAM_HEADER + "move" + d + ",Move Stream,,," + cohort + ",s" + d + ",,,,,2\n");

        assertThat(again.updated()).isEqualTo(1);
        assertThat(people.findByEmail("move" + d).orElseThrow().stream()).isEqualTo(DevelopmentStream.TWO);
    }

    @Test
    void aLongImportReportsRowsCheckedThenPeopleSavedUpToTheirTotals() {
        String cohort = newCohort();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 600; i++) {
            csv.append("p").append(i).append("@").append(cohort).append(".nhs.net,P ").append(i).append(",Org,7,").append(cohort)
                    .append(",s@").append(cohort).append(".nhs.net,,,,\n");
        }
        List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();

        importing.importCsv(bytes(csv.toString()), ImportMode.COMMIT, "person:42", "test import",
                (stage, done, total) -> reported.add(stage + " " + done + "/" + total));

        // 600 participants and their one new sponsor are written, in batches of 250
        assertThat(reported).containsSubsequence("CHECKING 0/600", "CHECKING 250/600", "CHECKING 600/600",
                "WRITING 0/601", "WRITING 250/601", "WRITING 601/601");
    }

    private ImportReport commit(String csv) {
        return importing.importCsv(bytes(csv), ImportMode.COMMIT, "person:42", "test import");
    }

    private static byte[] bytes(String csv) {
        return csv.getBytes(StandardCharsets.UTF_8);
    }

    private String newCohort() {
        String name = "c" + UUID.randomUUID().toString().substring(0, 8);
        cohorts.create(new ManagingCohorts.CohortDetails(name, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31), null, null));
        return name;
    }

    static Instant now() {
        return Instant.parse("2026-11-01T09:00:00Z");
    }
}
