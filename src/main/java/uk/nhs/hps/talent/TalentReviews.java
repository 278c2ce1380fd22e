package uk.nhs.hps.talent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.AccessDenied;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.delivery.Outbox;
import uk.nhs.hps.people.DevelopmentStream;
import uk.nhs.hps.scheme.Transitions;
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
    private final TalentGrids grids;
    private final TalentCards cards;
    private final TalentIndicators indicators;
    private final Transitions transitions;
    private final Access access;
    private final SponsorshipRepository sponsorships;
    private final PersonRepository people;
    private final Outbox outbox;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    TalentReviews(TalentReviewRepository reviews, TalentForms forms, TalentGrids grids, TalentCards cards,
                  TalentIndicators indicators, Transitions transitions, Access access,
                  SponsorshipRepository sponsorships, PersonRepository people, Outbox outbox,
                  TransactionOperations<Connection> transactions, Clock clock) {
        this.reviews = reviews;
        this.forms = forms;
        this.grids = grids;
        this.cards = cards;
        this.indicators = indicators;
        this.transitions = transitions;
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

    // ---- what the chat shows

    /**
     * A participant's record of this cycle as the actor sees it: the participant themself, or their current
     * sponsor. The previous box is that of the latest earlier cycle with one.
     */
    record RecordView(long participantId, @Nullable String participantName, @Nullable TalentReview review,
                      @Nullable String previousBox, boolean own, String cycle) {
    }

    RecordView recordFor(long actorId, long participantId) {
        boolean own = participantId == actorId;
        Optional<TalentReview> r = read(actorId, participantId, own ? "own talent record" : "sponsor reading talent record");
        if (!own && currentSponsor(participantId).filter(s -> s == actorId).isEmpty()) {
            throw new AccessDenied("not the current sponsor");
        }
        String cycle = currentCycle();
        String previous = r.flatMap(this::previousBox).orElseGet(() -> history(participantId).stream()
                .filter(x -> x.agreedBox() != null && !x.cycle().equals(cycle)).reduce((a, b) -> b)
                .map(TalentReview::agreedBox).orElse(null));
        return new RecordView(participantId, nameOf(participantId), r.orElse(null), previous, own, cycle);
    }

    /** Every cycle's review of the participant, oldest first, read by the participant or their sponsor. */
    List<TalentReview> historyFor(long actorId, long participantId) {
        read(actorId, participantId, "talent history");
        return history(participantId);
    }

    /** A participant the sponsor sponsors now, with this cycle's review if one was started. */
    record Sponsored(long participantId, String name, @Nullable TalentReview current) {
    }

    record SponsorList(String cycle, List<Sponsored> participants) {
    }

    SponsorList sponsorList(long sponsorId) {
        return new SponsorList(currentCycle(), sponsoredBy(sponsorId).stream()
                .map(p -> new Sponsored(p.id(), p.displayName(), current(p.id()).orElse(null))).toList());
    }

    /** What the sponsor's input form shows: the current sponsor only, since it holds their unsubmitted draft. */
    record FormView(long participantId, @Nullable String participantName, String cycle, @Nullable TalentReview review,
                    String level, Career career) {
    }

    /**
     * The participant's development stream and career transition as the roster and scheme/transitions.yml give them:
     * what "next level" means for them (000/001). All null when the roster has no stream for them.
     */
    record Career(@Nullable Integer stream, @Nullable String transition, @Nullable String summary, @Nullable String targetRoles,
                  @Nullable String exampleRoles) {
    }

    Career careerOf(long participantId) {
        Optional<DevelopmentStream> stream = people.findById(participantId).map(Person::stream);
        return stream.flatMap(transitions::forStream).map(t -> new Career(t.stream(), t.name(), t.summary().text(),
                t.targetRoles().text(), t.exampleRoles().text())).orElse(new Career(null, null, null, null, null));
    }

    FormView sponsorForm(long sponsorId, long participantId) {
        Optional<TalentReview> r = readAsSponsor(sponsorId, participantId);
        return new FormView(participantId, nameOf(participantId), currentCycle(), r.orElse(null), levelOf(participantId).level(),
                careerOf(participantId));
    }

    /** What the outcome form shows, to the participant or their sponsor. */
    FormView outcomeForm(long actorId, long participantId) {
        Optional<TalentReview> r = read(actorId, participantId, "agreed outcome card");
        return new FormView(participantId, nameOf(participantId), currentCycle(), r.orElse(null), levelOf(participantId).level(),
                careerOf(participantId));
    }

    /** The participant's own preparation form; also what it shows again after a refused submission. */
    FormView preparationForm(long participantId) {
        return new FormView(participantId, null, currentCycle(), current(participantId).orElse(null), levelOf(participantId).level(),
                careerOf(participantId));
    }

    /** The form again after a refused submission, as the record now stands; the refused command checked the actor. */
    FormView formAfterRefusal(long participantId) {
        return new FormView(participantId, nameOf(participantId), currentCycle(), current(participantId).orElse(null), levelOf(participantId).level(),
                careerOf(participantId));
    }

    /**
     * Which of 002's levels the participant's ratings are made against: from their development stream, as
     * scheme/indicators.yml says (its configured default while the roster has no stream for them).
     */
    TalentIndicators.LevelChoice levelOf(long participantId) {
        return indicators.levelFor(people.findById(participantId).map(Person::stream).map(DevelopmentStream::number).orElse(null));
    }

    @Nullable
    private String nameOf(long personId) {
        return people.findById(personId).map(Person::displayName).orElse(null);
    }

    // ---- the participant's preparation

    /** The participant's preparation form as typed: its answers, the wellbeing note and whether to share it. */
    record Prepare(long participantId, long actorId, Map<String, String> answers, String wellbeing, String wellbeingShared,
                   @Nullable Integer version, boolean submit) {
    }

    TalentReview prepare(Prepare command) {
        long participantId = command.participantId();
        long actorId = command.actorId();
        boolean submit = command.submit();
        if (actorId != participantId) {
            throw new TalentProblem("Only the participant can prepare", "This preparation is the participant's own.");
        }
        access.require(actorId, Action.EDIT_TALENT_INPUTS, participantId, "talent preparation");
        Map<String, String> values = command.answers();
        List<String> problems = new java.util.ArrayList<>(forms.problems(TalentForms.Form.PREPARATION, values, submit, today()));
        String wellbeing = command.wellbeing();
        if (wellbeing.length() > TalentForms.MAX_TEXT) {
            problems.add(0, "**Wellbeing check-in** is " + wellbeing.length() + " characters; the most is " + TalentForms.MAX_TEXT + ".");
        }
        String shared = command.wellbeingShared();
        if (!shared.isEmpty() && !shared.equals("true") && !shared.equals("false")) {
            problems.add("**Share my wellbeing note with my sponsor** must be yes or no.");
        }
        if (!problems.isEmpty()) {
            throw new TalentProblem(submit ? "Your preparation was not submitted" : "Your draft was not saved", problems);
        }
        Instant now = clock.instant();
        String level = levelOf(participantId).level();
        TalentReview saved = write(participantId, command.version(), r -> r.prepared(json(values),
                wellbeing.isEmpty() ? null : wellbeing, shared.equals("true"), submit, now).ratedAgainst(indicators.version(), level));
        if (submit && saved.sponsorId() != null) {
            String name = people.findById(participantId).map(Person::displayName).orElse("Your participant");
            outbox.enqueue(Outbox.Request.toPerson("talent-prepared:" + saved.id() + ":" + saved.version(), saved.sponsorId(),
                    Reply.text("{} has prepared for your Maximising Potential conversation (" + saved.cycle()
                            + "). Type **talent reviews** to read their preparation and give your input.", name)));
        }
        return saved;
    }

    // ---- the sponsor's input

    /** The sponsor's input form as typed. */
    record GiveSponsorInput(long sponsorId, long participantId, Map<String, String> answers, @Nullable Integer version,
                            boolean submit) {
    }

    TalentReview sponsorInput(GiveSponsorInput command) {
        long sponsorId = command.sponsorId();
        boolean submit = command.submit();
        requireCurrentSponsor(sponsorId, command.participantId());
        Map<String, String> values = command.answers();
        List<String> problems = forms.problems(TalentForms.Form.SPONSOR, values, submit, today());
        if (!problems.isEmpty()) {
            throw new TalentProblem(submit ? "Your input was not submitted" : "Your draft was not saved", problems);
        }
        Instant now = clock.instant();
        String level = levelOf(command.participantId()).level();
        return write(command.participantId(), command.version(), r -> r.withSponsorInput(sponsorId, json(values), submit, now)
                .ratedAgainst(indicators.version(), level));
    }

    // ---- the agreed outcome, and both confirming it

    /** The agreed outcome as typed by either party. */
    record RecordOutcome(long actorId, long participantId, Map<String, String> answers, @Nullable Integer version) {
    }

    /** Saves the outcome (confirmed by whoever records it) and asks the other party to confirm it. */
    TalentReview recordOutcome(RecordOutcome command) {
        TalentReview.Party party = requireParty(command.actorId(), command.participantId());
        Map<String, String> values = command.answers();
        List<String> problems = forms.problems(TalentForms.Form.OUTCOME, values, true, today());
        if (!problems.isEmpty()) {
            throw new TalentProblem("The agreed outcome was not saved", problems);
        }
        Instant now = clock.instant();
        TalentReview saved = write(command.participantId(), command.version(), r -> {
            // readiness follows from the box on the review's own grid, so the two cannot disagree
            Map<String, String> outcome = new java.util.LinkedHashMap<>(values);
            String readiness = grids.of(r.gridVersion()).readinessFor(values.get("agreedBox"));
            if (readiness != null) {
                outcome.put("readiness", readiness);
            }
            return r.withOutcome(json(outcome), party, now);
        });
        otherParty(command.actorId(), saved).ifPresent(other -> outbox.enqueue(Outbox.Request.toPerson(
                "talent-outcome:" + saved.id() + ":" + saved.version() + ":" + other, other,
                cards.confirmRequest(people.findById(command.actorId()).map(Person::displayName).orElse(""), saved))));
        return saved;
    }

    /** One party confirming the recorded outcome. */
    record ConfirmOutcome(long actorId, long participantId, @Nullable Integer version) {
    }

    /** Confirms for the actor; once both have, the placement is agreed and the other party is told. */
    TalentReview confirm(ConfirmOutcome command) {
        TalentReview.Party party = requireParty(command.actorId(), command.participantId());
        Instant now = clock.instant();
        TalentReview saved = write(command.participantId(), command.version(), r -> r.confirmedBy(party, now));
        if (saved.status() == TalentReview.Status.AGREED) {
            tellOtherParty(command.actorId(), saved, "confirmed the agreed outcome: the placement is agreed and goes to the"
                    + " programme team for moderation.");
        }
        return saved;
    }

    // ---- the programme team

    TalentReview advance(long actorId, long reviewId, TalentReview.Status to) {
        TalentReview review = reviews.findById(reviewId).orElseThrow(() -> new uk.nhs.hps.access.NotFound("No review " + reviewId + "."));
        access.require(actorId, Action.MODERATE_TALENT, review.participantPersonId(), "talent review " + to);
        return advance(review, to);
    }

    /** AGREED to MODERATED to FED_BACK, in that order only (the review refuses any other move). */
    TalentReview advance(TalentReview review, TalentReview.Status to) {
        TalentReview saved = reviews.update(review.movedTo(to, clock.instant()));
        if (to == TalentReview.Status.FED_BACK) {
            outbox.enqueue(Outbox.Request.toPerson("talent-fed-back:" + saved.id(), saved.participantPersonId(),
                    Reply.text("Your 9-box placement for " + saved.cycle() + " has been moderated: **"
                            + grids.of(saved.gridVersion()).boxLabel(saved.agreedBox()) + "**. Type **my talent review** to see it.")));
        }
        return saved;
    }

    /** A proactive note to the party who did not act, once per version of the review. */
    private void tellOtherParty(long actorId, TalentReview r, String what) {
        long participantId = r.participantPersonId();
        Long other = otherParty(actorId, r).orElse(null);
        if (other == null) {
            return;
        }
        String actorName = people.findById(actorId).map(Person::displayName).orElse("");
        String markdown = Reply.fill("{} ", actorName) + what + " Type **"
                + (other == participantId ? "my talent review" : "talent reviews") + "** to see it.";
        outbox.enqueue(Outbox.Request.toPerson("talent-outcome:" + r.id() + ":" + r.version() + ":" + other, other,
                Reply.text(markdown)));
    }

    // ---- helpers

    /** The participant when the sponsor acted, the review's sponsor (if any) when the participant did. */
    private static Optional<Long> otherParty(long actorId, TalentReview r) {
        return actorId == r.participantPersonId() ? Optional.ofNullable(r.sponsorId()) : Optional.of(r.participantPersonId());
    }

    private TalentReview.Party requireParty(long actorId, long participantId) {
        if (actorId == participantId) {
            access.require(actorId, Action.EDIT_TALENT_INPUTS, participantId, "talent outcome");
            return TalentReview.Party.PARTICIPANT;
        }
        requireCurrentSponsor(actorId, participantId);
        return TalentReview.Party.SPONSOR;
    }

    private void requireCurrentSponsor(long sponsorId, long participantId) {
        if (sponsorId != participantId) {
            // refuses, and audits, anyone with no sponsor relationship to the participant
            access.require(sponsorId, Action.EDIT_TALENT_INPUTS, participantId, "sponsor input");
        }
        if (sponsorId == participantId || currentSponsor(participantId).filter(s -> s == sponsorId).isEmpty()) {
            throw new TalentProblem(TalentProblem.Kind.NOT_THEIR_PARTICIPANT, "You don't sponsor this participant",
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
                    TalentGrid grid = grids.current();
                    review = reviews.save(TalentReview.start(participantId, currentSponsor(participantId).orElse(null),
                            cycle, grid.version(), grid.source(), clock.instant()));
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
        return new TalentProblem(TalentProblem.Kind.RECORD_MOVED_ON, "This record changed since you opened it",
                "Someone (perhaps you, in another window) saved it first. Nothing was saved from this card: open it again"
                        + " with **my talent review** or **talent reviews**.");
    }


    private static String json(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
