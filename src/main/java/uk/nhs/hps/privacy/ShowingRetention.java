package uk.nhs.hps.privacy;

import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What is kept how long ({@link PrivacySettings}, {@link RetentionRule}), and when each cohort's people are due to be anonymised. */
@Singleton
public class ShowingRetention {

    /** A cohort's retention: anonymised from {@code anonymiseFrom} (its time zone); {@code due} once that day has come. */
    public record CohortRetention(String name, LocalDate endsOn, LocalDate anonymiseFrom, boolean due) {
    }

    public record Retention(Period afterCohortEnd, Duration linkValidity, List<CohortRetention> cohorts) {
    }

    private final PrivacySettings settings;
    private final CohortRepository cohorts;
    private final Access access;
    private final Clock clock;

    ShowingRetention(PrivacySettings settings, CohortRepository cohorts, Access access, Clock clock) {
        this.settings = settings;
        this.cohorts = cohorts;
        this.access = access;
        this.clock = clock;
    }

    public Retention show(long actorId) {
        access.require(actorId, Action.VIEW_COHORT_REPORTS, null, "console: retention settings");
        RetentionRule rule = new RetentionRule(settings.retentionAfterCohortEnd());
        List<CohortRetention> out = new ArrayList<>();
        for (Cohort c : cohorts.findAll()) {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(c.timeZone()));
            out.add(new CohortRetention(c.name(), c.endsOn(), rule.anonymiseFrom(c.endsOn()), rule.due(c.endsOn(), today)));
        }
        out.sort(Comparator.comparing(CohortRetention::endsOn).reversed());
        return new Retention(settings.retentionAfterCohortEnd(), settings.linkValidity(), out);
    }

    /** "2 years", "1 year and 6 months", "90 days": how a period reads in a sentence. */
    public static String inWords(Period period) {
        List<String> parts = new ArrayList<>();
        Period p = period.normalized();
        if (p.getYears() != 0) {
            parts.add(p.getYears() + (p.getYears() == 1 ? " year" : " years"));
        }
        if (p.getMonths() != 0) {
            parts.add(p.getMonths() + (p.getMonths() == 1 ? " month" : " months"));
        }
        if (p.getDays() != 0) {
            parts.add(p.getDays() + (p.getDays() == 1 ? " day" : " days"));
        }
        if (parts.isEmpty()) {
            return "no time at all";
        }
        return parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** "15 minutes", "1 hour", "90 seconds". */
    public static String inWords(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0 && seconds > 0) {
            long h = seconds / 3600;
            return h + (h == 1 ? " hour" : " hours");
        }
        if (seconds % 60 == 0 && seconds > 0) {
            long m = seconds / 60;
            return m + (m == 1 ? " minute" : " minutes");
        }
        return seconds + (seconds == 1 ? " second" : " seconds");
    }
}
