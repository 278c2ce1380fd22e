package uk.nhs.hps.talent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.delivery.Outbox;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.SchemeTimeZone;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;
import uk.nhs.hps.store.Savepoints;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The Maximising Potential conversation, one record per participant per review cycle (the NHS financial
 * year, April to March): the participant prepares (draft, resume, submit), the sponsor gives their input,
 * either records the agreed outcome and both confirm; the programme team then moderates and feeds back.
 * Every change is checked through {@link Access}, against the card's version, in one transaction.
 */
@Singleton
class TalentReviews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TalentReviewRepository reviews;
    private final TalentForms forms;
    private final TalentGrid grid;
    private final Access access;
    private final SponsorshipRepository sponsorships;
    private final PersonRepository people;
    private final Outbox outbox;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    TalentReviews(TalentReviewRepository reviews, TalentForms forms, TalentGrid grid, Access access,
                  SponsorshipRepository sponsorships, PersonRepository people, Outbox outbox,
                  TransactionOperations<Connection> transactions, Clock clock) {
        this.reviews = reviews;
        this.forms = forms;
        this.grid = grid;
        this.access = access;
        this.sponsorships = sponsorships;
        this.people = people;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The review cycle a day falls in: the financial year, e.g. "2026-27" from April 2026 to March 2027. */
    static String cycleOf(LocalDate day) {
        int start = day.getMonthValue() >= 4 ? day.getYear() : day.getYear() - 1;
        return start + "-" + String.format("%02d", (start + 1) % 100);
    }

    String currentCycle() {
        return cycleOf(LocalDate.now(clock.withZone(SchemeTimeZone.ZONE)));
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(SchemeTimeZone.ZONE));
    }

    Optional<TalentReview> current(long participantId) {
        return reviews.findByParticipantPersonIdAndCycle(participantId, currentCycle());
    }

    /** All cycles, oldest first. */
    List<TalentReview> history(long participantId) {
        return reviews.findByParticipantPersonIdOrderByCycle(participantId);
    }

    /** The agreed box of the latest earlier cycle that has one. */
    Optional<String> previousBox(TalentReview review) {
        return history(review.participantPersonId()).stream()
                .filter(r -> r.cycle().compareTo(review.cycle()) < 0 && r.agreedBox() != null)
                .reduce((a, b) -> b).map(TalentReview::agreedBox);
    }

    Optional<Long> currentSponsor(long participantId) {
        return sponsorships.findByParticipantIdOrderByStartsOn(participantId).stream().filter(Sponsorship::isCurrent)
                .map(Sponsorship::sponsorId).reduce((a, b) -> b);
    }

    /** Participants the person sponsors now. */
    List<Person> sponsoredBy(long sponsorId) {
        return people.findAll().stream().filter(p -> p.id() != sponsorId && p.anonymisedAt() == null)
                .filter(p -> currentSponsor(p.id()).filter(s -> s == sponsorId).isPresent()).toList();
    }

    /** A read of the record by someone: the participant, or their current sponsor (audited by Access). */
    Optional<TalentReview> read(long actorId, long participantId, String why) {
        access.require(actorId, Action.VIEW_TALENT_INPUTS, participantId, why);
        return current(participantId);
    }

    /** The record for the sponsor's own input form, whose draft nobody else sees: the current sponsor only. */
    Optional<TalentReview> readAsSponsor(long sponsorId, long participantId) {
        requireCurrentSponsor(sponsorId, participantId);
        return read(sponsorId, participantId, "sponsor input card");
    }

    // ---- the participant's preparation

    TalentReview prepare(long participantId, long actorId, Map<String, Object> data, @Nullable Integer version, boolean submit) {
        if (actorId != participantId) {
            throw new TalentProblem("Only the participant can prepare", "This preparation is the participant's own.");
        }
        access.require(actorId, Action.EDIT_TALENT_INPUTS, participantId, "talent preparation");
        Map<String, String> values = forms.values(TalentForms.Form.PREPARATION, data);
        List<String> problems = new java.util.ArrayList<>(forms.problems(TalentForms.Form.PREPARATION, values, submit, today()));
        String wellbeing = text(data, "wellbeing");
        if (wellbeing.length() > TalentForms.MAX_TEXT) {
            problems.add(0, "**Wellbeing check-in** is " + wellbeing.length() + " characters; the most is " + TalentForms.MAX_TEXT + ".");
        }
        String shared = text(data, "wellbeingShared");
        if (!shared.isEmpty() && !shared.equals("true") && !shared.equals("false")) {
            problems.add("**Share my wellbeing note with my sponsor** must be yes or no.");
        }
        if (!problems.isEmpty()) {
            throw new TalentProblem(submit ? "Your preparation was not submitted" : "Your draft was not saved", problems);
        }
        Instant now = clock.instant();
        TalentReview saved = write(participantId, version, r -> {
            if (r.participantConfirmedAt() != null || r.sponsorConfirmedAt() != null || r.locked()) {
                throw locked();
            }
            TalentReview.Builder b = r.change();
            b.preparation = json(values);
            b.wellbeingNote = wellbeing.isEmpty() ? null : wellbeing;
            b.wellbeingShared = shared.equals("true");
            if (submit) {
                b.preparationSubmittedAt = now;
            }
            return b.at(now);
        });
        if (submit && saved.sponsorId() != null) {
            String name = people.findById(participantId).map(Person::displayName).orElse("Your participant");
            outbox.enqueue(Outbox.Request.toPerson("talent-prepared:" + saved.id() + ":" + saved.version(), saved.sponsorId(),
                    Reply.text("{} has prepared for your Maximising Potential conversation (" + saved.cycle()
                            + "). Type **talent reviews** to read their preparation and give your input.", name)));
        }
        return saved;
    }

    // ---- the sponsor's input

    TalentReview sponsorInput(long sponsorId, long participantId, Map<String, Object> data, @Nullable Integer version,
                              boolean submit) {
        requireCurrentSponsor(sponsorId, participantId);
        Map<String, String> values = forms.values(TalentForms.Form.SPONSOR, data);
        List<String> problems = forms.problems(TalentForms.Form.SPONSOR, values, submit, today());
        if (!problems.isEmpty()) {
            throw new TalentProblem(submit ? "Your input was not submitted" : "Your draft was not saved", problems);
        }
        Instant now = clock.instant();
        return write(participantId, version, r -> {
            if (r.participantConfirmedAt() != null || r.sponsorConfirmedAt() != null || r.locked()) {
                throw locked();
            }
            TalentReview.Builder b = r.change();
            b.sponsorId = sponsorId;
            b.sponsorInput = json(values);
            if (submit) {
                b.sponsorSubmittedAt = now;
            }
            return b.at(now);
        });
    }

    // ---- the agreed outcome, and both confirming it

    TalentReview recordOutcome(long actorId, long participantId, Map<String, Object> data, @Nullable Integer version) {
        boolean participant = requireParty(actorId, participantId);
        Map<String, String> values = forms.values(TalentForms.Form.OUTCOME, data);
        List<String> problems = forms.problems(TalentForms.Form.OUTCOME, values, true, today());
        if (!problems.isEmpty()) {
            throw new TalentProblem("The agreed outcome was not saved", problems);
        }
        Instant now = clock.instant();
        return write(participantId, version, r -> {
            if (r.locked()) {
                throw locked();
            }
            if (r.preparationSubmittedAt() == null || r.sponsorSubmittedAt() == null) {
                throw new TalentProblem("Not ready to agree yet",
                        "The participant's preparation and the sponsor's input both need submitting first.");
            }
            TalentReview.Builder b = r.change();
            b.outcome = json(values);
            // whoever records the outcome confirms it; the other person confirms what was recorded
            b.participantConfirmedAt = participant ? now : null;
            b.sponsorConfirmedAt = participant ? null : now;
            return b.at(now);
        });
    }

    TalentReview confirm(long actorId, long participantId, @Nullable Integer version) {
        boolean participant = requireParty(actorId, participantId);
        Instant now = clock.instant();
        return write(participantId, version, r -> {
            if (r.locked()) {
                throw locked();
            }
            Map<String, String> outcome = map(r.outcome());
            if (outcome.isEmpty()) {
                throw new TalentProblem("Nothing to confirm yet", "No agreed outcome has been recorded.");
            }
            TalentReview.Builder b = r.change();
            if (participant) {
                b.participantConfirmedAt = now;
            } else {
                b.sponsorConfirmedAt = now;
            }
            if (b.participantConfirmedAt != null && b.sponsorConfirmedAt != null) {
                b.status = TalentReview.Status.AGREED.name();
                b.agreedAt = now;
                b.agreedBox = outcome.get("agreedBox");
            }
            return b.at(now);
        });
    }

    // ---- the programme team

    TalentReview advance(long actorId, long reviewId, TalentReview.Status to) {
        TalentReview review = reviews.findById(reviewId).orElseThrow(() -> new uk.nhs.hps.access.NotFound("No review " + reviewId + "."));
        access.require(actorId, Action.MODERATE_TALENT, review.participantPersonId(), "talent review " + to);
        return advance(review, to);
    }

    /** AGREED to MODERATED to FED_BACK, in that order only. */
    TalentReview advance(TalentReview review, TalentReview.Status to) {
        TalentReview.Status from = review.state();
        boolean next = (from == TalentReview.Status.AGREED && to == TalentReview.Status.MODERATED)
                || (from == TalentReview.Status.MODERATED && to == TalentReview.Status.FED_BACK);
        if (!next) {
            throw new uk.nhs.hps.access.Conflict("The review is " + from + "; it can't move to " + to + ".");
        }
        Instant now = clock.instant();
        TalentReview.Builder b = review.change();
        b.status = to.name();
        if (to == TalentReview.Status.MODERATED) {
            b.moderatedAt = now;
        } else {
            b.fedBackAt = now;
        }
        TalentReview saved = reviews.update(b.at(now));
        if (to == TalentReview.Status.FED_BACK) {
            outbox.enqueue(Outbox.Request.toPerson("talent-fed-back:" + saved.id(), saved.participantPersonId(),
                    Reply.text("Your 9-box placement for " + saved.cycle() + " has been moderated: **"
                            + grid.boxLabel(saved.agreedBox()) + "**. Type **my talent review** to see it.")));
        }
        return saved;
    }

    /** A proactive note to one of the two parties, once per key. */
    void tell(long personId, String key, String markdown) {
        outbox.enqueue(Outbox.Request.toPerson(key, personId, Reply.text(markdown)));
    }

    // ---- helpers

    private boolean requireParty(long actorId, long participantId) {
        if (actorId == participantId) {
            access.require(actorId, Action.EDIT_TALENT_INPUTS, participantId, "talent outcome");
            return true;
        }
        requireCurrentSponsor(actorId, participantId);
        return false;
    }

    private void requireCurrentSponsor(long sponsorId, long participantId) {
        if (sponsorId != participantId) {
            // refuses, and audits, anyone with no sponsor relationship to the participant
            access.require(sponsorId, Action.EDIT_TALENT_INPUTS, participantId, "sponsor input");
        }
        if (sponsorId == participantId || currentSponsor(participantId).filter(s -> s == sponsorId).isEmpty()) {
            throw new TalentProblem("You don't sponsor this participant",
                    "Only their current sponsor can give sponsor input. Nothing was saved.");
        }
    }

    /** Creates the cycle's record if needed and applies a change, only if the card's version is current. */
    private TalentReview write(long participantId, @Nullable Integer version, UnaryOperator<TalentReview> change) {
        String cycle = currentCycle();
        try {
            return Savepoints.attempt(transactions, () -> {
                Optional<TalentReview> existing = reviews.findByParticipantPersonIdAndCycle(participantId, cycle);
                TalentReview review;
                if (existing.isEmpty()) {
                    if (version != null && version != 0) {
                        throw changed();
                    }
                    review = reviews.save(TalentReview.start(participantId, currentSponsor(participantId).orElse(null),
                            cycle, grid.version(), clock.instant()));
                } else {
                    review = existing.get();
                    if (version == null || !version.equals(review.version())) {
                        throw changed();
                    }
                }
                return reviews.update(change.apply(review));
            });
        } catch (OptimisticLockException e) {
            throw changed();
        } catch (DataAccessException e) {
            if (e.getCause() instanceof TalentProblem p) {
                throw p;
            }
            // two first saves at once: the unique (participant, cycle) index lets one through
            if (reviews.findByParticipantPersonIdAndCycle(participantId, cycle).isPresent()) {
                throw changed();
            }
            throw e;
        }
    }

    private static TalentProblem changed() {
        return new TalentProblem("This record changed since you opened it",
                "Someone (perhaps you, in another window) saved it first. Nothing was saved from this card: open it again"
                        + " with **my talent review** or **talent reviews**.");
    }

    private static TalentProblem locked() {
        return new TalentProblem("This record is confirmed and can't be edited",
                "Once the outcome is confirmed, preparation, input and outcome are fixed. Ask the programme team if something is wrong.");
    }

    static Map<String, String> map(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static String json(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Map<String, Object> data, String key) {
        Object v = data.get(key);
        return v == null ? "" : String.valueOf(v).replace("\r\n", "\n").strip();
    }
}
