package uk.nhs.hps.talent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import uk.nhs.hps.access.Conflict;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One participant's 9-box review in one cycle: their preparation, the sponsor's input, the agreed outcome.
 * The record knows which changes its status allows and by whom: each transition returns the changed record
 * or refuses ({@link TalentProblem} for the two parties, {@link Conflict} for the programme team). Who the
 * actor is (participant, current sponsor, programme team) is checked by {@link TalentReviews} first.
 */
@MappedEntity("talent_review")
record TalentReview(
        @Id @GeneratedValue @Nullable Long id,
        long participantPersonId,
        @Nullable Long sponsorId,
        String cycle,
        String gridVersion,
        @Nullable String gridSource,
        Status status,
        String preparation,
        @Nullable Instant preparationSubmittedAt,
        @Nullable String wellbeingNote,
        boolean wellbeingShared,
        String sponsorInput,
        @Nullable Instant sponsorSubmittedAt,
        String outcome,
        @Nullable String agreedBox,
        @Nullable Instant participantConfirmedAt,
        @Nullable Instant sponsorConfirmedAt,
        @Nullable Instant agreedAt,
        @Nullable Instant moderatedAt,
        @Nullable Instant fedBackAt,
        @Nullable String indicatorsVersion,
        @Nullable String indicatorLevel,
        @Version @Nullable Integer version,
        Instant createdAt,
        Instant updatedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** PREPARING until both confirm the outcome; then AGREED, MODERATED (programme team), FED_BACK. */
    enum Status { PREPARING, AGREED, MODERATED, FED_BACK }

    /** The two people whose conversation it is. */
    enum Party { PARTICIPANT, SPONSOR }

    boolean locked() {
        return status != Status.PREPARING;
    }

    static TalentReview start(long participantId, @Nullable Long sponsorId, String cycle, String gridVersion, Instant now) {
        return start(participantId, sponsorId, cycle, gridVersion, null, now);
    }

    /** A new review on the grid of that version and source, which it keeps whatever the grid later becomes. */
    static TalentReview start(long participantId, @Nullable Long sponsorId, String cycle, String gridVersion,
                              @Nullable String gridSource, Instant now) {
        return new TalentReview(null, participantId, sponsorId, cycle, gridVersion, gridSource, Status.PREPARING, "{}", null,
                null, false, "{}", null, "{}", null, null, null, null, null, null, null, null, null, now, now);
    }

    // ---- the two parties, while the review is PREPARING

    /** The participant's preparation (a draft, or submitted), until either party has confirmed an outcome. */
    TalentReview prepared(String answers, @Nullable String wellbeingNote, boolean wellbeingShared, boolean submit, Instant now) {
        requireNothingConfirmed();
        Builder b = change();
        b.preparation = answers;
        b.wellbeingNote = wellbeingNote;
        b.wellbeingShared = wellbeingShared;
        if (submit) {
            b.preparationSubmittedAt = now;
        }
        return b.at(now);
    }

    /** The sponsor's input (a draft, or submitted), until either party has confirmed an outcome. */
    TalentReview withSponsorInput(long sponsor, String answers, boolean submit, Instant now) {
        requireNothingConfirmed();
        Builder b = change();
        b.sponsorId = sponsor;
        b.sponsorInput = answers;
        if (submit) {
            b.sponsorSubmittedAt = now;
        }
        return b.at(now);
    }

    /**
     * The agreed outcome, once both preparation and input are submitted. Whoever records it confirms it; the
     * other party's earlier confirmation is cleared, since they confirm what was recorded.
     */
    TalentReview withOutcome(String answers, Party recordedBy, Instant now) {
        if (locked()) {
            throw lockedProblem();
        }
        if (preparationSubmittedAt == null || sponsorSubmittedAt == null) {
            throw new TalentProblem("Not ready to agree yet",
                    "The participant's preparation and the sponsor's input both need submitting first.");
        }
        Builder b = change();
        b.outcome = answers;
        b.participantConfirmedAt = recordedBy == Party.PARTICIPANT ? now : null;
        b.sponsorConfirmedAt = recordedBy == Party.SPONSOR ? now : null;
        return b.at(now);
    }

    /** One party confirms the recorded outcome; when both have, the review is AGREED on the outcome's box. */
    TalentReview confirmedBy(Party party, Instant now) {
        if (locked()) {
            throw lockedProblem();
        }
        Map<String, String> recorded = fields(outcome);
        if (recorded.isEmpty()) {
            throw new TalentProblem("Nothing to confirm yet", "No agreed outcome has been recorded.");
        }
        Builder b = change();
        if (party == Party.PARTICIPANT) {
            b.participantConfirmedAt = now;
        } else {
            b.sponsorConfirmedAt = now;
        }
        if (b.participantConfirmedAt != null && b.sponsorConfirmedAt != null) {
            b.status = Status.AGREED;
            b.agreedAt = now;
            b.agreedBox = recorded.get("agreedBox");
        }
        return b.at(now);
    }

    /** Which version of 002's indicators, and which of its levels, the ratings were last saved against. */
    TalentReview ratedAgainst(String indicators, String level) {
        Builder b = change();
        b.indicatorsVersion = indicators;
        b.indicatorLevel = level;
        return b.at(updatedAt);
    }

    // ---- the programme team, after agreement

    /** AGREED to MODERATED. */
    TalentReview moderated(Instant now) {
        requireNext(Status.AGREED, Status.MODERATED);
        Builder b = change();
        b.status = Status.MODERATED;
        b.moderatedAt = now;
        return b.at(now);
    }

    /** MODERATED to FED_BACK. */
    TalentReview fedBack(Instant now) {
        requireNext(Status.MODERATED, Status.FED_BACK);
        Builder b = change();
        b.status = Status.FED_BACK;
        b.fedBackAt = now;
        return b.at(now);
    }

    /** The programme team's next step by name: MODERATED or FED_BACK, in that order only. */
    TalentReview movedTo(Status to, Instant now) {
        return switch (to) {
            case MODERATED -> moderated(now);
            case FED_BACK -> fedBack(now);
            case PREPARING, AGREED -> throw refusedMove(to);
        };
    }

    private void requireNext(Status from, Status to) {
        if (status != from) {
            throw refusedMove(to);
        }
    }

    private Conflict refusedMove(Status to) {
        return new Conflict("The review is " + status + "; it can't move to " + to + ".");
    }

    private void requireNothingConfirmed() {
        if (participantConfirmedAt != null || sponsorConfirmedAt != null || locked()) {
            throw lockedProblem();
        }
    }

    private static TalentProblem lockedProblem() {
        return new TalentProblem(TalentProblem.Kind.RECORD_MOVED_ON, "This record is confirmed and can't be edited",
                "Once the outcome is confirmed, preparation, input and outcome are fixed. Ask the programme team if something is wrong.");
    }

    /** The answers of one form (preparation, sponsor input or outcome) as stored: JSON of field to value. */
    static Map<String, String> fields(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    Builder change() {
        return new Builder(this);
    }

    /** Copies with some fields changed (records have no withers). */
    static final class Builder {
        Long sponsorId;
        Status status;
        String preparation;
        Instant preparationSubmittedAt;
        String wellbeingNote;
        boolean wellbeingShared;
        String sponsorInput;
        Instant sponsorSubmittedAt;
        String outcome;
        String agreedBox;
        Instant participantConfirmedAt;
        Instant sponsorConfirmedAt;
        Instant agreedAt;
        Instant moderatedAt;
        Instant fedBackAt;
        String indicatorsVersion;
        String indicatorLevel;
        private final TalentReview from;

        Builder(TalentReview r) {
            from = r;
            sponsorId = r.sponsorId;
            status = r.status;
            preparation = r.preparation;
            preparationSubmittedAt = r.preparationSubmittedAt;
            wellbeingNote = r.wellbeingNote;
            wellbeingShared = r.wellbeingShared;
            sponsorInput = r.sponsorInput;
            sponsorSubmittedAt = r.sponsorSubmittedAt;
            outcome = r.outcome;
            agreedBox = r.agreedBox;
            participantConfirmedAt = r.participantConfirmedAt;
            sponsorConfirmedAt = r.sponsorConfirmedAt;
            agreedAt = r.agreedAt;
            moderatedAt = r.moderatedAt;
            fedBackAt = r.fedBackAt;
            indicatorsVersion = r.indicatorsVersion;
            indicatorLevel = r.indicatorLevel;
        }

        TalentReview at(Instant now) {
            return new TalentReview(from.id, from.participantPersonId, sponsorId, from.cycle, from.gridVersion, from.gridSource, status,
                    preparation, preparationSubmittedAt, wellbeingNote, wellbeingShared, sponsorInput, sponsorSubmittedAt,
                    outcome, agreedBox, participantConfirmedAt, sponsorConfirmedAt, agreedAt, moderatedAt, fedBackAt,
                    indicatorsVersion, indicatorLevel, from.version, from.createdAt, now);
        }
    }
}
