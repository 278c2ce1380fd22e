package uk.nhs.hps.roster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.SchemeTimeZone;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** Giving a participant a new sponsor: the current sponsorship ends and a new one starts, history kept. */
@Singleton
public class ChangingSponsor {

    private final PersonRepository people;
    private final SponsorshipRepository sponsorships;
    private final AuditLog audit;
    private final RosterWriteLock lock;
    private final Clock clock;

    ChangingSponsor(PersonRepository people, SponsorshipRepository sponsorships, AuditLog audit, RosterWriteLock lock,
                    Clock clock) {
        this.lock = lock;
        this.people = people;
        this.sponsorships = sponsorships;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Sponsorship> history(long participantId) {
        people.findById(participantId).orElseThrow(() -> new NotFound("No person " + participantId + "."));
        return sponsorships.findByParticipantIdOrderByStartsOn(participantId);
    }

    @Transactional
    public Sponsorship change(long participantId, long sponsorId, @Nullable LocalDate from, String actor,
                              @Nullable String why) {
        return lock.translatingRaces(() -> changeLocked(participantId, sponsorId, from, actor, why));
    }

    private Sponsorship changeLocked(long participantId, long sponsorId, @Nullable LocalDate from, String actor,
                                     @Nullable String why) {
        lock.hold();
        people.findById(participantId).filter(p -> p.anonymisedAt() == null)
                .orElseThrow(() -> new NotFound("No person " + participantId + "."));
        people.findById(sponsorId).filter(p -> p.anonymisedAt() == null)
                .orElseThrow(() -> new NotFound("No person " + sponsorId + " to be the sponsor."));
        if (participantId == sponsorId) {
            throw new InvalidRequest("A person cannot be their own sponsor.");
        }
        LocalDate start = from != null ? from : LocalDate.ofInstant(clock.instant(), SchemeTimeZone.ZONE);
        List<Sponsorship> current = sponsorships.findByParticipantIdOrderByStartsOn(participantId).stream()
                .filter(Sponsorship::isCurrent).toList();
        for (Sponsorship s : current) {
            if (s.sponsorId() == sponsorId) {
                return s;
            }
            if (start.isBefore(s.startsOn())) {
                throw new InvalidRequest("The new sponsorship cannot start before the current one (" + s.startsOn() + ").");
            }
            sponsorships.update(s.endingOn(start));
        }
        Sponsorship started = sponsorships.save(new Sponsorship(null, participantId, sponsorId, start, null, clock.instant()));
        audit.record(actor, AuditLog.SPONSOR_CHANGE, participantId, "sponsor person:" + sponsorId
                + (why == null || why.isBlank() ? "" : "; " + why));
        return started;
    }
}
