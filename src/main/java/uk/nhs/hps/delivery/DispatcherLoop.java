package uk.nhs.hps.delivery;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/** Runs dispatch passes back to back while there is work, and polls gently while there is none. */
@Singleton
@Requires(property = "delivery.dispatcher-enabled", notEquals = "false")
class DispatcherLoop {

    private static final Logger LOG = LoggerFactory.getLogger(DispatcherLoop.class);

    private final DispatchingOutbox dispatching;
    private final Pacer pacer;
    private final DeliverySettings settings;
    private final Clock clock;
    private volatile boolean running;
    private Thread thread;

    DispatcherLoop(DispatchingOutbox dispatching, Pacer pacer, DeliverySettings settings, Clock clock) {
        this.dispatching = dispatching;
        this.pacer = pacer;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "delivery-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    @EventListener
    void onShutdown(ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                DispatchingOutbox.PassResult pass = dispatching.dispatchDue();
                if (!pass.didWork()) {
                    long idle = settings.idlePollInterval().toMillis();
                    if (pacer.isPaused()) {
                        // throttled: sleep until the connector's Retry-After has passed (capped at a minute)
                        idle = Math.min(Duration.between(clock.instant(), pacer.pausedUntil()).toMillis(), 60_000);
                    }
                    Thread.sleep(Math.max(1, idle));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Dispatch pass failed; retrying shortly", e);
                try {
                    Thread.sleep(settings.idlePollInterval().toMillis() * 4);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
