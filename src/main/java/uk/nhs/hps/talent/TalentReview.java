package uk.nhs.hps.talent;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;

/** One participant's 9-box review in one cycle: their preparation, the sponsor's input, the agreed outcome. */
@MappedEntity("talent_review")
record TalentReview(
        @Id @GeneratedValue @Nullable Long id,
        long participantPersonId,
        @Nullable Long sponsorId,
        String cycle,
        String gridVersion,
        String status,
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
        @Version @Nullable Integer version,
        Instant createdAt,
        Instant updatedAt) {

    /** PREPARING until both confirm the outcome; then AGREED, MODERATED (programme team), FED_BACK. */
    enum Status { PREPARING, AGREED, MODERATED, FED_BACK }

    Status state() {
        return Status.valueOf(status);
    }

    boolean locked() {
        return state() != Status.PREPARING;
    }

    static TalentReview start(long participantId, @Nullable Long sponsorId, String cycle, String gridVersion, Instant now) {
        return new TalentReview(null, participantId, sponsorId, cycle, gridVersion, Status.PREPARING.name(), "{}", null,
                null, false, "{}", null, "{}", null, null, null, null, null, null, null, now, now);
    }

    Builder change() {
        return new Builder(this);
    }

    /** Copies with some fields changed (records have no withers). */
    static final class Builder {
        Long sponsorId;
        String status;
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
        }

        TalentReview at(Instant now) {
            return new TalentReview(from.id, from.participantPersonId, sponsorId, from.cycle, from.gridVersion, status,
                    preparation, preparationSubmittedAt, wellbeingNote, wellbeingShared, sponsorInput, sponsorSubmittedAt,
                    outcome, agreedBox, participantConfirmedAt, sponsorConfirmedAt, agreedAt, moderatedAt, fedBackAt,
                    from.version, from.createdAt, now);
        }
    }
}
