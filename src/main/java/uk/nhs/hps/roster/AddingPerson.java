package uk.nhs.hps.roster;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;
import uk.nhs.hps.people.DevelopmentStream;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Adding one participant from the console's form: checked field by field so the form can say what is wrong where,
 * then written as a one-row roster import (the same rules, sponsor and coach handling, lock and audit as a file).
 * Someone already on the roster is not added again, so a second press of "Add" changes nothing.
 */
@Singleton
class AddingPerson {

    /** What was typed; blank fields are null. {@code stream} is "1", "2" or null. */
    record NewPerson(@Nullable String name, @Nullable String email, @Nullable Long cohortId, @Nullable String sponsorEmail,
                     @Nullable String coachEmail, @Nullable String organisation, @Nullable String band,
                     @Nullable String stream) {
    }

    sealed interface Outcome permits Added, AlreadyOnRoster, Invalid {
    }

    record Added(long personId) implements Outcome {
    }

    record AlreadyOnRoster(long personId) implements Outcome {
    }

    /** Field name to the sentence saying what to fix, in the form's order. */
    record Invalid(Map<String, String> errors) implements Outcome {
    }

    private final ImportingRoster importing;
    private final PersonRepository people;
    private final CohortRepository cohorts;
    private final Access access;

    AddingPerson(ImportingRoster importing, PersonRepository people, CohortRepository cohorts, Access access) {
        this.importing = importing;
        this.people = people;
        this.cohorts = cohorts;
        this.access = access;
    }

    /** The problems with what was typed (none: it can be added); changes nothing. */
    Map<String, String> check(long actorId, NewPerson p) {
        access.require(actorId, Action.MANAGE_ROSTER, null, "console: add a person");
        Map<String, String> errors = new LinkedHashMap<>();
        if (p.name() == null) {
            errors.put("name", "Enter their full name.");
        } else if (p.name().length() > 200) {
            errors.put("name", "The name must be 200 characters or fewer.");
        }
        String email = Person.normaliseEmail(p.email());
        if (email == null) {
            errors.put("email", "Enter their work e-mail address.");
        } else if (!ImportingRoster.isEmail(email)) {
            errors.put("email", "Enter an e-mail address like name@nhs.net.");
        }
        if (p.cohortId() == null || cohorts.findById(p.cohortId()).isEmpty()) {
            errors.put("cohort", "Choose their cohort.");
        }
        String sponsor = Person.normaliseEmail(p.sponsorEmail());
        if (sponsor == null) {
            errors.put("sponsorEmail", "Enter their sponsor's e-mail address.");
        } else if (!ImportingRoster.isEmail(sponsor)) {
            errors.put("sponsorEmail", "Enter the sponsor's e-mail address like name@nhs.net.");
        } else if (sponsor.equals(email)) {
            errors.put("sponsorEmail", "A person cannot be their own sponsor.");
        }
        String coach = Person.normaliseEmail(p.coachEmail());
        if (coach != null && !ImportingRoster.isEmail(coach)) {
            errors.put("coachEmail", "Enter the coach's e-mail address like name@nhs.net, or leave it empty.");
        } else if (coach != null && coach.equals(email)) {
            errors.put("coachEmail", "A person cannot be their own coach.");
        }
        if (p.organisation() != null && p.organisation().length() > 200) {
            errors.put("organisation", "The organisation must be 200 characters or fewer.");
        }
        if (p.band() != null && p.band().length() > 32) {
            errors.put("band", "The band must be 32 characters or fewer.");
        }
        if (p.stream() != null && DevelopmentStream.parse(p.stream()).isEmpty()) {
            errors.put("stream", "Choose stream 1, stream 2 or not known.");
        }
        return errors;
    }

    /** Someone already on the roster with this e-mail: they are not added again. */
    Optional<Long> existing(@Nullable String email) {
        String normalised = Person.normaliseEmail(email);
        return normalised == null ? Optional.empty() : people.findByEmail(normalised).map(Person::id);
    }

    Outcome add(long actorId, NewPerson p) {
        Map<String, String> errors = check(actorId, p);
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        Optional<Long> already = existing(p.email());
        if (already.isPresent()) {
            return new AlreadyOnRoster(already.get());
        }
        Cohort cohort = cohorts.findById(p.cohortId()).orElseThrow();
        RosterRow row = new RosterRow(1, p.email(), p.name(), p.organisation(), p.band(), cohort.name(), p.sponsorEmail(),
                null, p.coachEmail(), null, null, p.stream(), true);
        ImportReport report = importing.importRows(java.util.List.of(row), ImportMode.COMMIT, AuditLog.person(actorId),
                "console: add a person");
        if (!report.committed()) {
            // only a race can get here (someone added them a moment ago); say what the import said
            Optional<Long> now = existing(p.email());
            if (now.isPresent()) {
                return new AlreadyOnRoster(now.get());
            }
            return new Invalid(Map.of("email", report.problems().isEmpty() ? "They could not be added. Please try again."
                    : report.problems().get(0).reason()));
        }
        return new Added(existing(p.email()).orElseThrow());
    }
}
