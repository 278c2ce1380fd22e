package uk.nhs.hps.talent;

import org.junit.jupiter.api.Test;
import uk.nhs.hps.access.Conflict;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which status changes a talent review allows, and who makes them; a unit test of the record's own rules. */
class TalentReviewTransitionsTest {

    private static final Instant START = Instant.parse("2026-06-01T09:00:00Z");
    private static final Instant LATER = Instant.parse("2026-06-02T09:00:00Z");
    private static final String OUTCOME = "{\"agreedBox\":\"HIGH_HIGH\"}";

    private static TalentReview started() {
        return TalentReview.start(1L, 2L, "2026-27", "1", START);
    }

    private static TalentReview bothSubmitted() {
        return started().prepared("{}", null, false, true, START).withSponsorInput(2L, "{}", true, START);
    }

    private static TalentReview recordedBySponsor() {
        return bothSubmitted().withOutcome(OUTCOME, TalentReview.Party.SPONSOR, START);
    }

    private static TalentReview agreed() {
        return recordedBySponsor().confirmedBy(TalentReview.Party.PARTICIPANT, LATER);
    }

    @Test
    void aNewReviewIsPreparing() {
        assertThat(started().status()).isEqualTo(TalentReview.Status.PREPARING);
    }

    @Test
    void submittingThePreparationStampsItAndKeepsPreparing() {
        TalentReview prepared = started().prepared("{\"a\":\"b\"}", "tired", true, true, LATER);

        assertThat(prepared.preparationSubmittedAt()).isEqualTo(LATER);
        assertThat(prepared.status()).isEqualTo(TalentReview.Status.PREPARING);
    }

    @Test
    void aDraftPreparationIsNotSubmitted() {
        TalentReview draft = started().prepared("{\"a\":\"b\"}", null, false, false, LATER);

        assertThat(draft.preparationSubmittedAt()).isNull();
    }

    @Test
    void anOutcomeCannotBeRecordedBeforeBothHaveSubmitted() {
        TalentReview onlyPrepared = started().prepared("{}", null, false, true, START);

        assertThatThrownBy(() -> onlyPrepared.withOutcome(OUTCOME, TalentReview.Party.PARTICIPANT, LATER))
                .isInstanceOf(TalentProblem.class).hasMessage("Not ready to agree yet");
    }

    @Test
    void whoeverRecordsTheOutcomeHasConfirmedItAndTheOtherHasNot() {
        TalentReview recorded = bothSubmitted().withOutcome(OUTCOME, TalentReview.Party.SPONSOR, LATER);

        assertThat(recorded.sponsorConfirmedAt()).isEqualTo(LATER);
        assertThat(recorded.participantConfirmedAt()).isNull();
    }

    @Test
    void oneConfirmationAloneDoesNotAgree() {
        TalentReview confirmedOnce = bothSubmitted().withOutcome(OUTCOME, TalentReview.Party.SPONSOR, START)
                .confirmedBy(TalentReview.Party.SPONSOR, LATER);

        assertThat(confirmedOnce.status()).isEqualTo(TalentReview.Status.PREPARING);
    }

    @Test
    void confirmationByBothAgreesOnTheRecordedBox() {
        TalentReview agreed = agreed();

        assertThat(agreed.status()).isEqualTo(TalentReview.Status.AGREED);
        assertThat(agreed.agreedBox()).isEqualTo("HIGH_HIGH");
        assertThat(agreed.agreedAt()).isEqualTo(LATER);
    }

    @Test
    void nothingCanBeConfirmedBeforeAnOutcomeIsRecorded() {
        assertThatThrownBy(() -> bothSubmitted().confirmedBy(TalentReview.Party.PARTICIPANT, LATER))
                .isInstanceOf(TalentProblem.class).hasMessage("Nothing to confirm yet");
    }

    @Test
    void thePreparationIsFixedOnceEitherHasConfirmedAnOutcome() {
        assertThatThrownBy(() -> recordedBySponsor().prepared("{}", null, false, true, LATER))
                .isInstanceOf(TalentProblem.class).hasMessage("This record is confirmed and can't be edited");
    }

    @Test
    void theSponsorInputIsFixedOnceEitherHasConfirmedAnOutcome() {
        assertThatThrownBy(() -> recordedBySponsor().withSponsorInput(2L, "{}", true, LATER))
                .isInstanceOf(TalentProblem.class).hasMessage("This record is confirmed and can't be edited");
    }

    @Test
    void anAgreedOutcomeCannotBeRecordedAgain() {
        assertThatThrownBy(() -> agreed().withOutcome(OUTCOME, TalentReview.Party.SPONSOR, LATER))
                .isInstanceOf(TalentProblem.class).hasMessage("This record is confirmed and can't be edited");
    }

    @Test
    void anAgreedReviewCanBeModerated() {
        TalentReview moderated = agreed().moderated(LATER);

        assertThat(moderated.status()).isEqualTo(TalentReview.Status.MODERATED);
        assertThat(moderated.moderatedAt()).isEqualTo(LATER);
    }

    @Test
    void aModeratedReviewCanBeFedBack() {
        TalentReview fedBack = agreed().moderated(LATER).fedBack(LATER);

        assertThat(fedBack.status()).isEqualTo(TalentReview.Status.FED_BACK);
        assertThat(fedBack.fedBackAt()).isEqualTo(LATER);
    }

    @Test
    void aReviewStillPreparingCannotBeModerated() {
        assertThatThrownBy(() -> bothSubmitted().moderated(LATER))
                .isInstanceOf(Conflict.class).hasMessage("The review is PREPARING; it can't move to MODERATED.");
    }

    @Test
    void anAgreedReviewCannotSkipModerationToFeedback() {
        assertThatThrownBy(() -> agreed().fedBack(LATER))
                .isInstanceOf(Conflict.class).hasMessage("The review is AGREED; it can't move to FED_BACK.");
    }

    @Test
    void theProgrammeTeamCannotMoveAReviewBackToAgreed() {
        TalentReview moderated = agreed().moderated(LATER);

        assertThatThrownBy(() -> moderated.movedTo(TalentReview.Status.AGREED, LATER))
                .isInstanceOf(Conflict.class).hasMessage("The review is MODERATED; it can't move to AGREED.");
    }
}
