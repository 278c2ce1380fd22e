package uk.nhs.hps.cohort;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import uk.nhs.hps.access.Conflict;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.SchemeTimeZone;

/** Creating, changing and removing cohorts. */
@Singleton
public class ManagingCohorts {

    /** What the programme team says a cohort is. */
    public record CohortDetails(String name, LocalDate startsOn, LocalDate endsOn, @Nullable String timeZone,
                                @Nullable Integer reflectivePromptDays) {
    }

    private final CohortRepository cohorts;
    private final PersonRepository people;
    private final Clock clock;

    ManagingCohorts(CohortRepository cohorts, PersonRepository people, Clock clock) {
        this.cohorts = cohorts;
        this.people = people;
        this.clock = clock;
    }

    public List<Cohort> list() {
        return cohorts.listOrderByStartsOn();
    }

    public Cohort get(long id) {
        return cohorts.findById(id).orElseThrow(() -> new NotFound("No cohort " + id + "."));
    }

    @Transactional
    public Cohort create(CohortDetails details) {
        check(details, null);
        Instant now = clock.instant();
        return cohorts.save(new Cohort(null, details.name().trim(), Cohort.key(details.name()), details.startsOn(),
                details.endsOn(), zone(details), cadence(details), now, now));
    }

    @Transactional
    public Cohort update(long id, CohortDetails details) {
        Cohort existing = get(id);
        check(details, id);
        return cohorts.update(new Cohort(id, details.name().trim(), Cohort.key(details.name()), details.startsOn(),
                details.endsOn(), zone(details), cadence(details), existing.createdAt(), clock.instant()));
    }

    @Transactional
    public void delete(long id) {
        get(id);
        if (!people.findByCohortId(id).isEmpty()) {
            throw new Conflict("Cohort " + id + " still has people in it; move them first.");
        }
        cohorts.deleteById(id);
    }

    private void check(CohortDetails details, @Nullable Long id) {
        if (details.name() == null || details.name().isBlank() || details.name().trim().length() > 100) {
            throw new InvalidRequest("A cohort needs a name of 1 to 100 characters.");
        }
        if (details.startsOn() == null || details.endsOn() == null || details.endsOn().isBefore(details.startsOn())) {
            throw new InvalidRequest("A cohort needs a start date and an end date on or after it.");
        }
        zone(details);
        int cadence = cadence(details);
        if (cadence < 1 || cadence > 365) {
            throw new InvalidRequest("The reflective-prompt cadence must be 1 to 365 days.");
        }
        cohorts.findByNameKey(Cohort.key(details.name())).filter(c -> !c.id().equals(id)).ifPresent(c -> {
            throw new Conflict("There is already a cohort called " + c.name() + ".");
        });
    }

    private static String zone(CohortDetails details) {
        String zone = details.timeZone() == null || details.timeZone().isBlank() ? SchemeTimeZone.NAME : details.timeZone().trim();
        try {
            return ZoneId.of(zone).getId();
        } catch (DateTimeException e) {
            throw new InvalidRequest("Unknown time zone; use a name such as Europe/London.");
        }
    }

    private static int cadence(CohortDetails details) {
        return details.reflectivePromptDays() == null ? 14 : details.reflectivePromptDays();
    }
}
