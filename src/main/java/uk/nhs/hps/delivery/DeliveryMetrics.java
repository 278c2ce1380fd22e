package uk.nhs.hps.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;

/** What operators watch: sent, failed, retried, throttled, unknown, queue depth and send latency. */
@Singleton
class DeliveryMetrics {

    private final Counter sent;
    private final Counter failed;
    private final Counter retried;
    private final Counter throttled;
    private final Counter unknown;
    private final Timer latency;

    DeliveryMetrics(MeterRegistry registry, OutboxRepository outbox) {
        sent = registry.counter("hps.delivery.sent");
        failed = registry.counter("hps.delivery.failed");
        retried = registry.counter("hps.delivery.retried");
        throttled = registry.counter("hps.delivery.throttled");
        unknown = registry.counter("hps.delivery.unknown");
        latency = Timer.builder("hps.delivery.send.latency").publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder("hps.delivery.queue.depth", outbox, o -> o.countByStatus(OutboundStatus.PENDING)).register(registry);
    }

    void sent(Duration took) {
        sent.increment();
        latency.record(took);
    }

    void failed() {
        failed.increment();
    }

    void retried(boolean wasThrottled) {
        retried.increment();
        if (wasThrottled) {
            throttled.increment();
        }
    }

    void unknown() {
        unknown.increment();
    }
}
