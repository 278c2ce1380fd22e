package uk.nhs.hps.delivery;

import com.google.common.util.concurrent.RateLimiter;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps sends under Teams' limits: one token bucket for the app, one per conversation, and an
 * app-wide pause when the connector answers 429 with Retry-After.
 */
@Singleton
class Pacer {

    private static final int MAX_TRACKED_CONVERSATIONS = 10_000;

    private final RateLimiter app;
    private final double perConversationRate;
    private final Clock clock;
    private final Map<String, RateLimiter> conversations = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
            return size() > MAX_TRACKED_CONVERSATIONS;
        }
    };
    private volatile Instant pausedUntil = Instant.MIN;

    Pacer(DeliverySettings settings, Clock clock) {
        this.app = RateLimiter.create(settings.ratePerSecond());
        this.perConversationRate = settings.perConversationRatePerSecond();
        this.clock = clock;
    }

    /** Blocks until this conversation and the app may send one more message. */
    void acquire(String conversationKey) {
        conversationLimiter(conversationKey).acquire();
        app.acquire();
    }

    /** The connector asked the whole app to back off. */
    void pauseFor(Duration wait) {
        Instant until = clock.instant().plus(wait);
        synchronized (this) {
            if (until.isAfter(pausedUntil)) {
                pausedUntil = until;
            }
        }
    }

    Instant pausedUntil() {
        return pausedUntil;
    }

    boolean isPaused() {
        return clock.instant().isBefore(pausedUntil);
    }

    private synchronized RateLimiter conversationLimiter(String key) {
        return conversations.computeIfAbsent(key == null ? "" : key, k -> RateLimiter.create(perConversationRate));
    }
}
