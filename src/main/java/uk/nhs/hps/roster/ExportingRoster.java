package uk.nhs.hps.roster;

import jakarta.inject.Singleton;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.csv.CsvCells;
import uk.nhs.hps.people.CoachAssignmentRepository;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.SponsorshipRepository;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The roster as a CSV file in the import format, so it can be edited and imported again. Every cell is
 * neutralised against spreadsheet formula injection.
 */
@Singleton
public class ExportingRoster {

    private final PersonRepository people;
    private final CohortRepository cohorts;
    private final SponsorshipRepository sponsorships;
    private final CoachAssignmentRepository coaching;
    private final AuditLog audit;

    ExportingRoster(PersonRepository people, CohortRepository cohorts, SponsorshipRepository sponsorships,
                    CoachAssignmentRepository coaching, AuditLog audit) {
        this.people = people;
        this.cohorts = cohorts;
        this.sponsorships = sponsorships;
        this.coaching = coaching;
        this.audit = audit;
    }

    public String csv(String actor, String why) {
        Map<Long, Person> byId = new HashMap<>();
        people.findAll().forEach(p -> byId.put(p.id(), p));
        Map<Long, Cohort> cohortById = new HashMap<>();
        cohorts.findAll().forEach(c -> cohortById.put(c.id(), c));
        Map<Long, Long> sponsorOf = new HashMap<>();
        sponsorships.findByEndsOnIsNull().forEach(s -> sponsorOf.put(s.participantId(), s.sponsorId()));
        Map<Long, Long> coachOf = new HashMap<>();
        coaching.findByEndsOnIsNull().forEach(c -> coachOf.put(c.participantId(), c.coachId()));
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            printer.printRecord(RosterCsv.COLUMNS);
            for (Person p : byId.values().stream().sorted(java.util.Comparator.comparing(Person::id)).toList()) {
                if (p.role() != Role.PARTICIPANT || p.anonymisedAt() != null) {
                    continue;
                }
                Person sponsor = byId.get(sponsorOf.get(p.id()));
                Person coach = byId.get(coachOf.get(p.id()));
                Cohort cohort = cohortById.get(p.cohortId());
                printer.printRecord(safe(p.email()), safe(p.displayName()), safe(p.organisation()), safe(p.band()),
                        safe(cohort == null ? null : cohort.name()), safe(sponsor == null ? null : sponsor.email()),
                        safe(sponsor == null ? null : sponsor.displayName()), safe(coach == null ? null : coach.email()),
                        safe(coach == null ? null : coach.displayName()), safe(p.timeZone()),
                        p.stream() == null ? "" : String.valueOf(p.stream().number()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(actor, "ROSTER_EXPORT", null, why);
        return out.toString();
    }

    private static String safe(String value) {
        return value == null ? "" : CsvCells.neutralise(value);
    }
}
