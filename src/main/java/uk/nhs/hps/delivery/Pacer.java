package uk.nhs.hps.delivery;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps sends under Teams' limits: evenly spaced slots for the app and for each conversation, and an
 * app-wide pause when the connector answers 429 with Retry-After.
 *
 * <p>Slots are spaced strictly (no stored burst, unlike a classic token bucket such as Guava's
 * RateLimiter, which releases a second's worth of permits at once after idling): Teams counts messages
 * per conversation in 1 s windows, so a burst after a quiet spell is exactly what gets throttled.
 */
@Singleton
class Pacer {

    private static final int MAX_TRACKED_CONVERSATIONS = 10_000;

    private final Spacing app;
    private final long conversationIntervalNanos;
    private final Clock clock;
    private final Map<String, Spacing> conversations = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Spacing> eldest) {
            return size() > MAX_TRACKED_CONVERSATIONS;
        }
    };
    private volatile Instant pausedUntil = Instant.EPOCH;

    Pacer(DeliverySettings settings, Clock clock) {
        this.app = new Spacing(intervalNanos(settings.ratePerSecond()));
        this.conversationIntervalNanos = intervalNanos(settings.perConversationRatePerSecond());
        this.clock = clock;
    }

    /** Blocks until this conversation and the app may send one more message. */
    void acquire(String conversationKey) {
        conversationSpacing(conversationKey).acquire();
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

    private synchronized Spacing conversationSpacing(String key) {
        return conversations.computeIfAbsent(key == null ? "" : key, k -> new Spacing(conversationIntervalNanos));
    }

    private static long intervalNanos(double perSecond) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("A send rate must be positive");
        }
        return (long) (1_000_000_000L / perSecond);
    }

    /** Hands out send slots {@code interval} apart, in real time. */
    private static final class Spacing {
        private final long intervalNanos;
        private long nextSlot = Long.MIN_VALUE;

        Spacing(long intervalNanos) {
            this.intervalNanos = intervalNanos;
        }

        void acquire() {
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                long slot = nextSlot == Long.MIN_VALUE || nextSlot - now < 0 ? now : nextSlot;
                nextSlot = slot + intervalNanos;
                wait = slot - now;
            }
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }
}
