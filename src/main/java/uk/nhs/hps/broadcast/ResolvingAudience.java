package uk.nhs.hps.broadcast;

import jakarta.inject.Singleton;
import uk.nhs.hps.people.Person;

import java.util.ArrayList;
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
            case SELECTION -> ids.addAll(selection(audience));
            case EMAILS -> {
                List<String> normalised = audience.emails().stream().map(Person::normaliseEmail).distinct().toList();
                ids.addAll(queries.withEmails(normalised));
                Set<String> known = Set.copyOf(queries.knownEmails(normalised));
                unknown = normalised.stream().filter(e -> !known.contains(e)).toList();
            }
        }
        return new Resolved(List.copyOf(ids), unknown);
    }

    private List<Long> selection(Audience audience) {
        List<Long> participants = queries.participantRecordsIn(audience.cohortIds()).stream()
                .filter(p -> audience.stream() == null || audience.stream() == p.stream())
                .filter(p -> audience.organisation() == null || (p.organisation() != null
                        && p.organisation().strip().equalsIgnoreCase(audience.organisation())))
                .map(Person::id).toList();
        if (participants.isEmpty()) {
            return List.of();
        }
        if (audience.role() == null) {
            List<Long> all = new ArrayList<>(participants);
            all.addAll(queries.sponsorsOf(participants));
            return all;
        }
        return switch (audience.role()) {
            case PARTICIPANT -> participants;
            case SPONSOR -> queries.sponsorsOf(participants);
            case COACH -> queries.coachesOf(participants);
            case PROGRAMME_TEAM -> List.of();
        };
    }

    /** What the console offers to narrow a selection by. */
    List<String> organisations() {
        return queries.participantOrganisations();
    }
}
