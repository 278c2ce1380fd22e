package uk.nhs.hps.roster;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;

/** Listing and searching the roster, for the programme team. */
@Singleton
public class FindingPeople {

    private final PersonRepository people;

    FindingPeople(PersonRepository people) {
        this.people = people;
    }

    public List<Person> search(@Nullable String text, @Nullable Long cohortId, int limit, int offset) {
        int boundedLimit = Math.max(1, Math.min(limit, 500));
        int boundedOffset = Math.max(0, offset);
        if (cohortId != null) {
            return people.findByCohortId(cohortId).stream()
                    .filter(p -> p.anonymisedAt() == null)
                    .filter(p -> matches(p, text))
                    .skip(boundedOffset).limit(boundedLimit).toList();
        }
        String pattern = "%" + (text == null ? "" : escape(text.trim().toLowerCase(Locale.ROOT))) + "%";
        return people.search(pattern, boundedLimit, boundedOffset);
    }

    public Person get(long id) {
        return people.findById(id).orElseThrow(() -> new NotFound("No person " + id + "."));
    }

    private static boolean matches(Person p, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        return p.email().contains(t) || p.displayName().toLowerCase(Locale.ROOT).contains(t);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
