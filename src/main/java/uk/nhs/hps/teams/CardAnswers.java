package uk.nhs.hps.teams;

import com.microsoft.bot.schema.AdaptiveCardInvokeResponse;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The answer given to each recent Action.Execute invoke, so a redelivery of the same activity (Teams retries an
 * invoke that was slow to answer) gets the same card with a 200 instead of being run twice or answered 501.
 * Held in memory only and for the last few thousand presses: cards may carry personal data, and retries come
 * within seconds. A retry that reaches another node, or comes after the answer was forgotten, gets a short note.
 */
@Singleton
class CardAnswers {

    private static final int KEPT = 2_000;
    static final String ALREADY_DONE = "That was already done. Type **help** if you need the card again.";

    private final Map<String, CompletableFuture<AdaptiveCardInvokeResponse>> answers =
            new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<AdaptiveCardInvokeResponse>> eldest) {
                    return size() > KEPT;
                }
            };

    /** Called when the first delivery of an invoke is claimed, before it is handled. */
    synchronized void expect(String activityId) {
        answers.putIfAbsent(activityId, new CompletableFuture<>());
    }

    void answered(String activityId, AdaptiveCardInvokeResponse answer) {
        CompletableFuture<AdaptiveCardInvokeResponse> pending;
        synchronized (this) {
            pending = answers.computeIfAbsent(activityId, id -> new CompletableFuture<>());
        }
        pending.complete(answer);
    }

    /** The first delivery's answer, waiting for it while that delivery is still being handled. */
    AdaptiveCardInvokeResponse answerTo(String activityId, Duration wait) {
        CompletableFuture<AdaptiveCardInvokeResponse> pending;
        synchronized (this) {
            pending = answers.get(activityId);
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
}
