package uk.nhs.hps.roster;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.CoachAssignment;
import uk.nhs.hps.people.CoachAssignmentRepository;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;
import uk.nhs.hps.people.DevelopmentStream;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.SchemeTimeZone;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Imports a roster file of participants with their cohort, sponsor and coach. Validates every row first,
 * then (unless a dry run) upserts in one transaction keyed by normalised e-mail: re-importing the same file
 * changes nothing; a new sponsor or coach ends the current pairing and starts another, keeping history.
 */
@Singleton
public class ImportingRoster {

    private static final Pattern EMAIL = Pattern.compile("^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$");
    private static final ZoneId SCHEME_ZONE = SchemeTimeZone.ZONE;

    private final PersonRepository people;
    private final CohortRepository cohorts;
    private final SponsorshipRepository sponsorships;
    private final CoachAssignmentRepository coaching;
    private final AuditLog audit;
    private final RosterSettings settings;
    private final RosterWriteLock lock;
    private final Clock clock;

    ImportingRoster(PersonRepository people, CohortRepository cohorts, SponsorshipRepository sponsorships,
                    CoachAssignmentRepository coaching, AuditLog audit, RosterSettings settings, RosterWriteLock lock,
                    Clock clock) {
        this.lock = lock;
        this.people = people;
        this.cohorts = cohorts;
        this.sponsorships = sponsorships;
        this.coaching = coaching;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Validates and, depending on the mode, imports. Throws {@link MalformedRoster} when the file as a whole
     * cannot be read; row-level problems are in the report. Either everything in the plan is written or nothing.
     * Imports that write run one at a time (see {@link RosterWriteLock}); one that loses a race throws
     * {@link Conflict} and writes nothing.
     */
    @Transactional
    public ImportReport importCsv(byte[] content, ImportMode mode, String actor, String why) {
        return importCsv(content, mode, actor, why, Progress.NONE);
    }

    /** As {@link #importCsv(byte[], ImportMode, String, String)}, telling {@code progress} how far it has got. */
    @Transactional
    public ImportReport importCsv(byte[] content, ImportMode mode, String actor, String why, Progress progress) {
        return lock.translatingRaces(() -> importLocked(RosterCsv.read(content, settings.importMaxRows()), mode, actor,
                why, progress));
    }

    /** Rows already read (one typed into the console's "add a person" form), imported as a file of them would be. */
    @Transactional
    ImportReport importRows(List<RosterRow> rows, ImportMode mode, String actor, String why) {
        return lock.translatingRaces(() -> importLocked(rows, mode, actor, why, Progress.NONE));
    }

    /** A dry run with the rows as read, so every row can be shown beside its problems. */
    record Checked(List<RosterRow> rows, ImportReport report) {
    }

    /** How many rows the file has; throws {@link MalformedRoster} when the file as a whole cannot be read. */
    int rowsOf(byte[] content) {
        return RosterCsv.read(content, settings.importMaxRows()).size();
    }

    /** A dry run (writes nothing, audits nothing, as the API's and the bot's dry runs). */
    @Transactional
    Checked check(byte[] content, String actor, Progress progress) {
        List<RosterRow> rows = RosterCsv.read(content, settings.importMaxRows());
        return new Checked(rows, importLocked(rows, ImportMode.DRY_RUN, actor, null, progress));
    }

    /** Told how far a long import has got: rows checked, then people written; called from the importing thread. */
    public interface Progress {
        Progress NONE = (stage, done, total) -> { };

        enum Stage { CHECKING, WRITING }

        void at(Stage stage, int done, int total);
    }

    /** How often (in rows or records) progress is reported, and how many people one batch writes. */
    static final int PROGRESS_EVERY = 250;

    private ImportReport importLocked(List<RosterRow> rows, ImportMode mode, String actor, String why, Progress progress) {
        if (mode != ImportMode.DRY_RUN) {
            // before the snapshot, so this import plans from what any import before it wrote
            lock.hold();
        }
        Snapshot snapshot = snapshot();
        List<RowProblem> problems = new ArrayList<>();
        List<RosterRow> valid = validate(rows, snapshot, problems, progress);
        Plan plan = plan(valid, snapshot);
        boolean write = mode == ImportMode.COMMIT_VALID_ROWS || (mode == ImportMode.COMMIT && problems.isEmpty());
        if (write && !valid.isEmpty()) {
            apply(plan, snapshot, progress);
        }
        ImportReport report = new ImportReport(mode, rows.size(), valid.size(), List.copyOf(problems),
                plan.created, plan.updated, plan.unchanged, plan.sponsorsAdded, plan.coachesAdded,
                plan.sponsorChanges, plan.coachChanges, write && !valid.isEmpty());
        if (mode != ImportMode.DRY_RUN) {
            audit.record(actor, AuditLog.IMPORT, null, report.summary() + (why == null ? "" : " Reason: " + why));
        }
        return report;
    }

    // ---- reading the current roster once, so a 5,000-row file does not make 15,000 queries ----

    private record Snapshot(Map<String, Person> byEmail, Map<String, Cohort> cohortsByKey,
                            Map<Long, Sponsorship> currentSponsor, Map<Long, CoachAssignment> currentCoach) {
    }

    private Snapshot snapshot() {
        Map<String, Person> byEmail = new HashMap<>();
        people.findAll().forEach(p -> byEmail.put(p.email(), p));
        Map<String, Cohort> cohortsByKey = new HashMap<>();
        cohorts.findAll().forEach(c -> cohortsByKey.put(c.nameKey(), c));
        Map<Long, Sponsorship> currentSponsor = sponsorships.findByEndsOnIsNull().stream()
                .collect(Collectors.toMap(Sponsorship::participantId, Function.identity(), (a, b) -> a));
        Map<Long, CoachAssignment> currentCoach = coaching.findByEndsOnIsNull().stream()
                .collect(Collectors.toMap(CoachAssignment::participantId, Function.identity(), (a, b) -> a));
        return new Snapshot(byEmail, cohortsByKey, currentSponsor, currentCoach);
    }

    // ---- validation: every problem of every row, with its line ----

    private List<RosterRow> validate(List<RosterRow> rows, Snapshot snapshot, List<RowProblem> problems, Progress progress) {
        Map<String, Long> firstLineOf = new HashMap<>();
        List<RosterRow> valid = new ArrayList<>();
        int checked = 0;
        for (RosterRow row : rows) {
            if (checked++ % PROGRESS_EVERY == 0) {
                progress.at(Progress.Stage.CHECKING, checked - 1, rows.size());
            }
            String email = Person.normaliseEmail(row.email());
            List<String> reasons = new ArrayList<>();
            if (email == null) {
                reasons.add("missing e-mail");
            } else if (!isEmail(email)) {
                reasons.add("malformed e-mail");
            } else if (firstLineOf.containsKey(email)) {
                reasons.add("duplicate row: this e-mail is already on line " + firstLineOf.get(email));
            }
            if (row.name() == null) {
                reasons.add("missing name");
            } else if (row.name().length() > 200) {
                reasons.add("name longer than 200 characters");
            }
            if (row.organisation() != null && row.organisation().length() > 200) {
                reasons.add("organisation longer than 200 characters");
            }
            if (row.band() != null && row.band().length() > 32) {
                reasons.add("band longer than 32 characters");
            }
            if (row.cohort() == null) {
                reasons.add("missing cohort");
            } else if (!snapshot.cohortsByKey().containsKey(Cohort.key(row.cohort()))) {
                reasons.add("unknown cohort (add it first)");
            }
            String sponsor = Person.normaliseEmail(row.sponsorEmail());
            if (sponsor == null) {
                reasons.add("missing sponsor e-mail");
            } else if (!isEmail(sponsor)) {
                reasons.add("malformed sponsor e-mail");
            } else if (sponsor.equals(email)) {
                reasons.add("a person cannot be their own sponsor");
            }
            String coach = Person.normaliseEmail(row.coachEmail());
            if (coach != null && !isEmail(coach)) {
                reasons.add("malformed coach e-mail");
            } else if (coach != null && coach.equals(email)) {
                reasons.add("a person cannot be their own coach");
            }
            if (row.timeZone() != null && !isZone(row.timeZone())) {
                reasons.add("unknown time zone (use e.g. Europe/London)");
            }
            if (row.stream() != null && DevelopmentStream.parse(row.stream()).isEmpty()) {
                reasons.add("stream must be 1 or 2 (the development stream applied to), or empty if not known");
            }
            if (email != null && isEmail(email) && !firstLineOf.containsKey(email)) {
                firstLineOf.put(email, row.line());
            }
            if (reasons.isEmpty()) {
                valid.add(row);
            } else {
                problems.add(new RowProblem(row.line(), email, String.join("; ", reasons)));
            }
        }
        progress.at(Progress.Stage.CHECKING, rows.size(), rows.size());
        return valid;
    }

    static boolean isEmail(String normalised) {
        return normalised.length() <= 320 && EMAIL.matcher(normalised).matches();
    }

    private static boolean isZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    // ---- planning: what would change, without writing ----

    private static final class Plan {
        final Map<String, Person> toCreate = new LinkedHashMap<>();
        final List<Person> toUpdate = new ArrayList<>();
        final Map<String, String> sponsorOf = new LinkedHashMap<>();
        final Map<String, String> coachOf = new LinkedHashMap<>();
        int created;
        int updated;
        int unchanged;
        int sponsorsAdded;
        int coachesAdded;
        int sponsorChanges;
        int coachChanges;
    }

    private Plan plan(List<RosterRow> rows, Snapshot snapshot) {
        Plan plan = new Plan();
        Instant now = clock.instant();
        for (RosterRow row : rows) {
            String email = Person.normaliseEmail(row.email());
            Cohort cohort = snapshot.cohortsByKey().get(Cohort.key(row.cohort()));
            String zone = row.timeZone() != null ? row.timeZone() : cohort.timeZone();
            Optional<Person> existing = Optional.ofNullable(snapshot.byEmail().get(email));
            Person pendingSupporter = plan.toCreate.get(email);
            // the file's stream as given, never derived from the band (000: "not about your precise grade or role")
            DevelopmentStream stream = DevelopmentStream.parse(row.stream()).orElse(null);
            if (existing.isEmpty() && pendingSupporter == null) {
                plan.toCreate.put(email, new Person(null, email, row.name(), Role.PARTICIPANT, PersonStatus.ACTIVE, zone,
                        null, row.organisation(), row.band(), stream, cohort.id(), null, null, null, null, now, now));
                plan.created++;
            } else if (pendingSupporter != null) {
                // listed as someone's sponsor or coach earlier in this file, and as a participant here
                plan.toCreate.put(email, new Person(null, email, row.name(), Role.PARTICIPANT, PersonStatus.ACTIVE, zone,
                        null, row.organisation(), row.band(), stream, cohort.id(), null, null, null, null, now, now));
                countSupporterRemoved(plan, pendingSupporter);
                plan.created++;
            } else {
                Person p = existing.get();
                Role role = p.role() == Role.PROGRAMME_TEAM ? p.role() : Role.PARTICIPANT;
                String newZone = row.timeZone() != null ? row.timeZone() : p.timeZone();
                DevelopmentStream newStream = row.streamColumn() ? stream : p.stream();
                Person wanted = new Person(p.id(), p.email(), row.name(), role, p.status(), newZone, p.aadObjectId(),
                        row.organisation(), row.band(), newStream, cohort.id(), p.statusReason(), p.statusSince(), p.statusUntil(),
                        p.anonymisedAt(), p.createdAt(), p.updatedAt());
                if (wanted.equals(p)) {
                    plan.unchanged++;
                } else {
                    plan.toUpdate.add(new Person(wanted.id(), wanted.email(), wanted.displayName(), wanted.role(),
                            wanted.status(), wanted.timeZone(), wanted.aadObjectId(), wanted.organisation(), wanted.band(),
                            wanted.stream(), wanted.cohortId(), wanted.statusReason(), wanted.statusSince(), wanted.statusUntil(),
                            wanted.anonymisedAt(), wanted.createdAt(), now));
                    plan.updated++;
                }
            }
            String sponsor = Person.normaliseEmail(row.sponsorEmail());
            plan.sponsorOf.put(email, sponsor);
            ensureSupporter(plan, snapshot, sponsor, row.sponsorName(), Role.SPONSOR, now);
            existing.map(p -> snapshot.currentSponsor().get(p.id())).ifPresent(current -> {
                if (!snapshot.byEmail().containsKey(sponsor) || !snapshot.byEmail().get(sponsor).id().equals(current.sponsorId())) {
                    plan.sponsorChanges++;
                }
            });
            String coach = Person.normaliseEmail(row.coachEmail());
            if (coach != null) {
                plan.coachOf.put(email, coach);
                ensureSupporter(plan, snapshot, coach, row.coachName(), Role.COACH, now);
                existing.map(p -> snapshot.currentCoach().get(p.id())).ifPresent(current -> {
                    if (!snapshot.byEmail().containsKey(coach) || !snapshot.byEmail().get(coach).id().equals(current.coachId())) {
                        plan.coachChanges++;
                    }
                });
            }
        }
        return plan;
    }

    private static void ensureSupporter(Plan plan, Snapshot snapshot, String email, String name, Role role, Instant now) {
        if (snapshot.byEmail().containsKey(email) || plan.toCreate.containsKey(email)) {
            return;
        }
        String displayName = name != null && name.length() <= 200 ? name : email.substring(0, email.indexOf('@'));
        plan.toCreate.put(email, new Person(null, email, displayName, role, PersonStatus.ACTIVE, SCHEME_ZONE.getId(),
                null, null, null, null, null, null, null, null, now, now));
        if (role == Role.SPONSOR) {
            plan.sponsorsAdded++;
        } else {
            plan.coachesAdded++;
        }
    }

    private static void countSupporterRemoved(Plan plan, Person supporter) {
        if (supporter.role() == Role.SPONSOR) {
            plan.sponsorsAdded--;
        } else if (supporter.role() == Role.COACH) {
            plan.coachesAdded--;
        }
    }

    // ---- applying: batched writes inside the caller's transaction ----

    private void apply(Plan plan, Snapshot snapshot, Progress progress) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, SCHEME_ZONE);
        Map<String, Long> ids = new HashMap<>();
        snapshot.byEmail().forEach((email, p) -> ids.put(email, p.id()));
        // people in batches, so a long import can say how far it has got; one transaction all the same
        List<Person> creating = List.copyOf(plan.toCreate.values());
        int total = creating.size() + plan.toUpdate.size();
        int written = 0;
        progress.at(Progress.Stage.WRITING, 0, total);
        for (int from = 0; from < creating.size(); from += PROGRESS_EVERY) {
            List<Person> batch = creating.subList(from, Math.min(creating.size(), from + PROGRESS_EVERY));
            for (Person saved : people.saveAll(batch)) {
                ids.put(saved.email(), saved.id());
            }
            written += batch.size();
            progress.at(Progress.Stage.WRITING, written, total);
        }
        for (int from = 0; from < plan.toUpdate.size(); from += PROGRESS_EVERY) {
            List<Person> batch = plan.toUpdate.subList(from, Math.min(plan.toUpdate.size(), from + PROGRESS_EVERY));
            people.updateAll(batch);
            written += batch.size();
            progress.at(Progress.Stage.WRITING, written, total);
        }
        List<Sponsorship> ended = new ArrayList<>();
        List<Sponsorship> started = new ArrayList<>();
        plan.sponsorOf.forEach((participant, sponsor) -> {
            Long participantId = ids.get(participant);
            Long sponsorId = ids.get(sponsor);
            Sponsorship current = snapshot.currentSponsor().get(participantId);
            if (current != null && current.sponsorId().equals(sponsorId)) {
                return;
            }
            if (current != null) {
                ended.add(current.endingOn(today));
            }
            started.add(new Sponsorship(null, participantId, sponsorId, today, null, now));
        });
        if (!ended.isEmpty()) {
            sponsorships.updateAll(ended);
        }
        sponsorships.saveAll(started);
        List<CoachAssignment> coachEnded = new ArrayList<>();
        List<CoachAssignment> coachStarted = new ArrayList<>();
        plan.coachOf.forEach((participant, coach) -> {
            Long participantId = ids.get(participant);
            Long coachId = ids.get(coach);
            CoachAssignment current = snapshot.currentCoach().get(participantId);
            if (current != null && current.coachId().equals(coachId)) {
                return;
            }
            if (current != null) {
                coachEnded.add(current.endingOn(today));
            }
            coachStarted.add(new CoachAssignment(null, participantId, coachId, today, null, now));
        });
        if (!coachEnded.isEmpty()) {
            coaching.updateAll(coachEnded);
        }
        coaching.saveAll(coachStarted);
    }
}
