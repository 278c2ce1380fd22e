package uk.nhs.hps.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import uk.nhs.hps.roster.Cohort;
import uk.nhs.hps.roster.Person;
import uk.nhs.hps.roster.PersonStatus;
import uk.nhs.hps.roster.Role;
import uk.nhs.hps.roster.Sponsorship;

import java.time.LocalDate;

/** The JSON shapes of the admin API. */
final class AdminViews {

    private AdminViews() {
    }

    @Serdeable
    record CohortView(long id, String name, LocalDate startsOn, LocalDate endsOn, String timeZone,
                      int reflectivePromptDays) {
        static CohortView of(Cohort c) {
            return new CohortView(c.id(), c.name(), c.startsOn(), c.endsOn(), c.timeZone(), c.reflectivePromptDays());
        }
    }

    @Serdeable
    record CohortRequest(String name, LocalDate startsOn, LocalDate endsOn, @Nullable String timeZone,
                         @Nullable Integer reflectivePromptDays) {
    }

    @Serdeable
    record PersonView(long id, String email, String displayName, Role role, PersonStatus status,
                      @Nullable String statusReason, @Nullable LocalDate statusSince, @Nullable LocalDate statusUntil,
                      String timeZone, @Nullable String organisation, @Nullable String band, @Nullable Long cohortId,
                      boolean linkedToTeams, boolean anonymised) {
        static PersonView of(Person p) {
            return new PersonView(p.id(), p.email(), p.displayName(), p.role(), p.status(), p.statusReason(),
                    p.statusSince(), p.statusUntil(), p.timeZone(), p.organisation(), p.band(), p.cohortId(),
                    p.aadObjectId() != null, p.anonymisedAt() != null);
        }
    }

    @Serdeable
    record StatusRequest(PersonStatus status, @Nullable String reason, @Nullable LocalDate since,
                         @Nullable LocalDate until) {
    }

    @Serdeable
    record SponsorshipRequest(long sponsorId, @Nullable LocalDate startsOn, @Nullable String reason) {
    }

    @Serdeable
    record SponsorshipView(long id, long participantId, long sponsorId, LocalDate startsOn, @Nullable LocalDate endsOn) {
        static SponsorshipView of(Sponsorship s) {
            return new SponsorshipView(s.id(), s.participantId(), s.sponsorId(), s.startsOn(), s.endsOn());
        }
    }

    @Serdeable
    record MemberRequest(long personId) {
    }

    @Serdeable
    record ErasureRequest(String reason) {
    }
}
