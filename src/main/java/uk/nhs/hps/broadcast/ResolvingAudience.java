package uk.nhs.hps.broadcast;

import jakarta.inject.Singleton;
import uk.nhs.hps.people.Person;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Turns an {@link Audience} into the people it names today. */
@Singleton
class ResolvingAudience {

    /** The people, and any listed e-mail addresses that matched nobody on the roster. */
    record Resolved(List<Long> personIds, List<String> unknownEmails) {
    }

    private final AudienceQueries queries;

    ResolvingAudience(AudienceQueries queries) {
        this.queries = queries;
    }

    Resolved resolve(Audience audience) {
        Set<Long> ids = new TreeSet<>();
        List<String> unknown = List.of();
        switch (audience.kind()) {
            case ALL_PARTICIPANTS -> ids.addAll(queries.allParticipants());
            case ALL_SPONSORS -> ids.addAll(queries.allSponsors());
            case COHORTS -> {
                ids.addAll(queries.participantsIn(audience.cohortIds()));
                ids.addAll(queries.sponsorsIn(audience.cohortIds()));
            }
            case ROLE_IN_COHORTS -> ids.addAll(switch (audience.role()) {
                case PARTICIPANT -> queries.participantsIn(audience.cohortIds());
                case SPONSOR -> queries.sponsorsIn(audience.cohortIds());
                case COACH -> queries.coachesIn(audience.cohortIds());
                case PROGRAMME_TEAM -> queries.programmeTeam();
            });
            case EMAILS -> {
                List<String> normalised = audience.emails().stream().map(Person::normaliseEmail).distinct().toList();
                ids.addAll(queries.withEmails(normalised));
                Set<String> known = Set.copyOf(queries.knownEmails(normalised));
                unknown = normalised.stream().filter(e -> !known.contains(e)).toList();
            }
        }
        return new Resolved(List.copyOf(ids), unknown);
    }
}
