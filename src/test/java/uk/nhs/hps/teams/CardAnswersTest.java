package uk.nhs.hps.teams;

import com.microsoft.bot.schema.AdaptiveCardInvokeResponse;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.TestClock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Unit rules of the short-lived memory of Action.Execute answers that redeliveries are given. */
class CardAnswersTest {

    private final TestClock clock = new TestClock();
    private final CardAnswers answers = new CardAnswers(clock);

    @Test
    void aRedeliveryGetsTheFirstAnswer() {
        AdaptiveCardInvokeResponse card = card("first");
        answers.expect("act-1");
        answers.answered("act-1", card);

        assertThat(answers.answerTo("act-1", Duration.ofSeconds(1))).isSameAs(card);
    }

    @Test
    void aRedeliveryWhileTheFirstIsStillRunningWaitsForItsAnswer() throws Exception {
        AdaptiveCardInvokeResponse card = card("slow");
        answers.expect("act-2");
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<AdaptiveCardInvokeResponse> redelivery = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            return answers.answerTo("act-2", Duration.ofSeconds(10));
        });
        assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();

        answers.answered("act-2", card);

        assertThat(redelivery.get(10, TimeUnit.SECONDS)).isSameAs(card);
    }

    @Test
    void anUnknownOrForgottenInvokeGetsTheShortNote() {
        answers.expect("act-3");
        answers.answered("act-3", card("old"));
        clock.advance(Duration.ofMinutes(3));
        answers.expect("act-4");

        assertThat(answers.answerTo("act-3", Duration.ofMillis(10)).getValue()).isEqualTo(CardAnswers.ALREADY_DONE);
        assertThat(answers.answerTo("never-seen", Duration.ofMillis(10)).getStatusCode()).isEqualTo(200);
    }

    private static AdaptiveCardInvokeResponse card(String name) {
        AdaptiveCardInvokeResponse response = new AdaptiveCardInvokeResponse();
        response.setStatusCode(200);
        response.setType(TeamsBot.ADAPTIVE_CARD);
        response.setValue(name);
        return response;
    }
}
