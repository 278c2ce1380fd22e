package uk.nhs.hps.privacy;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Anonymises the people of every cohort whose retention period has passed. Meant to run daily from the
 * scheduler (wired when Quartz lands); safe to run any number of times. Reports partial failure.
 */
@Singleton
public class ApplyingRetention {

    private static final Logger LOG = LoggerFactory.getLogger(ApplyingRetention.class);
    static final String ACTOR = "system:retention";

    @Serdeable
    public record Result(int erased, List<Long> failed) {
    }

    private final CohortRepository cohorts;
    private final PersonRepository people;
    private final ErasingPerson erasing;
    private final RetentionRule rule;
    private final Clock clock;

    ApplyingRetention(CohortRepository cohorts, PersonRepository people, ErasingPerson erasing,
                      PrivacySettings settings, Clock clock) {
        this.cohorts = cohorts;
        this.people = people;
        this.erasing = erasing;
        this.rule = new RetentionRule(settings.retentionAfterCohortEnd());
        this.clock = clock;
    }

    public Result run() {
        int erased = 0;
        List<Long> failed = new ArrayList<>();
        for (Cohort cohort : cohorts.findAll()) {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(cohort.timeZone()));
            if (!rule.due(cohort.endsOn(), today)) {
                continue;
            }
            for (Person person : people.findByCohortId(cohort.id())) {
                if (person.anonymisedAt() != null) {
                    continue;
                }
                try {
                    erasing.erase(person.id(), ACTOR, "retention period after cohort " + cohort.id() + " ended");
                    erased++;
                } catch (RuntimeException e) {
                    LOG.error("Retention erasure failed for person id={}", person.id(), e);
                    failed.add(person.id());
                }
            }
        }
        return new Result(erased, failed);
    }
}
