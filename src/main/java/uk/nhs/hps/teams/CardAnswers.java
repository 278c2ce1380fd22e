package uk.nhs.hps.teams;

import com.microsoft.bot.schema.AdaptiveCardInvokeResponse;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The answer given to each recent Action.Execute invoke, so a redelivery of the same activity (Teams retries an
 * invoke that was slow to answer) gets the same card with a 200 instead of being run twice or answered 501.
 * Held in memory only, for two minutes and at most a few hundred presses: cards may carry personal data, and
 * retries come within seconds. A retry that reaches another node, or comes later, gets a short note.
 */
@Singleton
class CardAnswers {

    static final String ALREADY_DONE = "That was already done. Type **help** if you need the card again.";
    private static final Duration KEPT_FOR = Duration.ofMinutes(2);
    /** Cards are at most 80 KB, so this bounds the memory held to about 40 MB even in a burst. */
    private static final int KEPT_AT_MOST = 500;

    private record Pending(CompletableFuture<AdaptiveCardInvokeResponse> answer, Instant since) {
    }

    private final Map<String, Pending> answers = new LinkedHashMap<>();
    private final Clock clock;

    CardAnswers(Clock clock) {
        this.clock = clock;
    }

    /** Called when the first delivery of an invoke is claimed, before it is handled. */
    void expect(String activityId) {
        pending(activityId);
    }

    void answered(String activityId, AdaptiveCardInvokeResponse answer) {
        pending(activityId).complete(answer);
    }

    /** The first delivery's answer, waiting for it while that delivery is still being handled. */
    AdaptiveCardInvokeResponse answerTo(String activityId, Duration wait) {
        CompletableFuture<AdaptiveCardInvokeResponse> pending;
        synchronized (this) {
            Pending found = answers.get(activityId);
            pending = found == null ? null : found.answer();
        }
        if (pending != null) {
            try {
                return pending.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // fall through to the note
            }
        }
        AdaptiveCardInvokeResponse note = new AdaptiveCardInvokeResponse();
        note.setStatusCode(200);
        note.setType("application/vnd.microsoft.activity.message");
        note.setValue(ALREADY_DONE);
        return note;
    }

    private synchronized CompletableFuture<AdaptiveCardInvokeResponse> pending(String activityId) {
        Instant now = clock.instant();
        // oldest first (insertion order): drop what is too old or over the bound
        Iterator<Pending> oldest = answers.values().iterator();
        while (oldest.hasNext()) {
            Pending p = oldest.next();
            if (answers.size() < KEPT_AT_MOST && p.since().plus(KEPT_FOR).isAfter(now)) {
                break;
            }
            oldest.remove();
        }
        return answers.computeIfAbsent(activityId, id -> new Pending(new CompletableFuture<>(), now)).answer();
    }
}
