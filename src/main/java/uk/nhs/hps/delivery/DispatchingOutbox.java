package uk.nhs.hps.delivery;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One dispatch pass: hand back what dead dispatchers left behind, claim what is due, send it at the
 * allowed pace, and record each outcome. Safe to run on several nodes at once.
 */
@Singleton
public class DispatchingOutbox {

    /** What one pass did; failures are counted, never thrown. */
    public record PassResult(int claimed, int sent, int retried, int failed, int unknown, int recovered) {
        public boolean didWork() {
            return claimed > 0 || recovered > 0;
        }
    }

    private enum Outcome { SENT, RETRIED, FAILED, UNKNOWN, SKIPPED }

    private static final Logger LOG = LoggerFactory.getLogger(DispatchingOutbox.class);

    private final OutboxRepository outbox;
    private final AddressBook addresses;
    private final ConnectorGateway gateway;
    private final AppInstaller installer;
    private final ReportingUnreachable unreachable;
    private final Pacer pacer;
    private final DeliveryMetrics metrics;
    private final DeliverySettings settings;
    private final Clock clock;
    private final List<DueCampaigns> dueCampaigns;
    private final ExecutorService workers;

    DispatchingOutbox(OutboxRepository outbox, AddressBook addresses, ConnectorGateway gateway, AppInstaller installer,
                      ReportingUnreachable unreachable, Pacer pacer, DeliveryMetrics metrics, DeliverySettings settings,
                      Clock clock, List<DueCampaigns> dueCampaigns) {
        this.dueCampaigns = dueCampaigns;
        this.outbox = outbox;
        this.addresses = addresses;
        this.gateway = gateway;
        this.installer = installer;
        this.unreachable = unreachable;
        this.pacer = pacer;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.workers(), r -> {
            Thread t = new Thread(r, "delivery-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public PassResult dispatchDue() {
        Instant now = clock.instant();
        int recovered = outbox.releaseExpiredClaims(now) + outbox.markExpiredSendsUnknown(now);
        if (pacer.isPaused()) {
            return new PassResult(0, 0, 0, 0, 0, recovered);
        }
        // features first set aside what must not go (with the same "now", so nothing due escapes the check)
        for (DueCampaigns campaigns : dueCampaigns) {
            campaigns.beforeDispatch(now);
        }
        String token = UUID.randomUUID().toString();
        List<Long> due = outbox.findDueIds(now, settings.batchSize());
        int claimed = due.isEmpty() ? 0 : outbox.claim(due, token, now, now.plus(settings.lease()));
        if (claimed == 0) {
            return new PassResult(0, 0, 0, 0, 0, recovered);
        }
        List<Future<Outcome>> running = new ArrayList<>();
        for (OutboundMessage message : outbox.findByClaimTokenAndStatus(token, OutboundStatus.CLAIMED)) {
            running.add(workers.submit(() -> deliver(message, token)));
        }
        int[] counts = new int[Outcome.values().length];
        for (Future<Outcome> future : running) {
            counts[await(future).ordinal()]++;
        }
        return new PassResult(claimed, counts[Outcome.SENT.ordinal()], counts[Outcome.RETRIED.ordinal()],
                counts[Outcome.FAILED.ordinal()], counts[Outcome.UNKNOWN.ordinal()], recovered);
    }

    private Outcome deliver(OutboundMessage message, String token) {
        try {
            if (pacer.isPaused()) {
                // Throttled while this batch waited: hand it back untouched, without spending an attempt.
                outbox.markRetry(message.id(), pacer.pausedUntil(), message.lastError(), clock.instant());
                return Outcome.SKIPPED;
            }
            var address = addresses.resolve(message);
            if (address.isEmpty()) {
                // told before the row is finished, so a crash in between still reports on the retry (same key)
                unreachable.report(message, ReportingUnreachable.Cause.NO_MICROSOFT_ACCOUNT, "");
                outbox.markFinished(message.id(), OutboundStatus.FAILED,
                        "This person has not installed HPS Companion in Teams, so the bot cannot message them yet.",
                        clock.instant());
                metrics.failed();
                return Outcome.FAILED;
            }
            pacer.acquire(address.get().conversationId() != null ? address.get().conversationId()
                    : address.get().aadObjectId());
            if (pacer.isPaused()) {
                // throttled while waiting for our slot: the Retry-After applies to this send too
                outbox.markRetry(message.id(), pacer.pausedUntil(), message.lastError(), clock.instant());
                return Outcome.SKIPPED;
            }
            if (outbox.markSending(message.id(), token, clock.instant()) == 0) {
                return Outcome.SKIPPED; // our claim lapsed and another dispatcher owns it now
            }
            long started = System.nanoTime();
            boolean newChat = address.get().conversationId() == null;
            if (newChat && installer.enabled()) {
                // Teams opens a 1:1 chat only with someone who has the app: install it first (already there is fine)
                AppInstaller.Installation installation = installer.install(address.get().tenantId(), address.get().aadObjectId());
                if (installation.kind() == AppInstaller.Installation.Kind.RETRY) {
                    return record(message, address.get(), new SendResult.Retry(installation.reason(), null, false),
                            Duration.ofNanos(System.nanoTime() - started));
                }
                if (!installation.done()) {
                    unreachable.report(message, ReportingUnreachable.Cause.INSTALL_FAILED, installation.reason());
                    return record(message, address.get(), new SendResult.Permanent(installation.reason()),
                            Duration.ofNanos(System.nanoTime() - started));
                }
            }
            SendResult result = gateway.send(address.get(), Payloads.fromJson(message.payload()));
            if (newChat && result instanceof SendResult.Permanent refused) {
                unreachable.report(message, installer.enabled() ? ReportingUnreachable.Cause.CHAT_REFUSED
                        : ReportingUnreachable.Cause.NOT_INSTALLED, refused.reason());
            }
            return record(message, address.get(), result, Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException e) {
            // A bug or a database outage: leave the row to the lease, which decides safely later.
            LOG.error("Delivery of outbound message {} failed unexpectedly", message.id(), e);
            return Outcome.SKIPPED;
        }
    }

    private Outcome record(OutboundMessage message, Address address, SendResult result, Duration took) {
        Instant now = clock.instant();
        int attempt = message.attempts() + 1;
        if (result instanceof SendResult.Sent sent) {
            outbox.markSent(message.id(), sent.created() != null ? sent.created().conversationId()
                    : address.conversationId(), sent.activityId(), now);
            if (sent.created() != null) {
                addresses.remember(message, address, sent.created());
            }
            metrics.sent(took);
            return Outcome.SENT;
        }
        if (result instanceof SendResult.Retry retry) {
            if (retry.throttled() && retry.retryAfter() != null) {
                pacer.pauseFor(retry.retryAfter());
            }
            if (attempt >= settings.maxAttempts()) {
                outbox.markFinished(message.id(), OutboundStatus.FAILED,
                        "Gave up after " + attempt + " attempts: " + retry.reason(), now);
                metrics.failed();
                return Outcome.FAILED;
            }
            Duration wait = retry.retryAfter() != null ? retry.retryAfter() : backoff(attempt);
            outbox.markRetry(message.id(), now.plus(wait), retry.reason(), now);
            metrics.retried(retry.throttled());
            return Outcome.RETRIED;
        }
        if (result instanceof SendResult.Unknown unknown) {
            outbox.markFinished(message.id(), OutboundStatus.UNKNOWN, unknown.reason(), now);
            metrics.unknown();
            return Outcome.UNKNOWN;
        }
        outbox.markFinished(message.id(), OutboundStatus.FAILED, ((SendResult.Permanent) result).reason(), now);
        metrics.failed();
        return Outcome.FAILED;
    }

    /** Exponential backoff with jitter, so many failed sends do not all come back at the same instant. */
    Duration backoff(int attempt) {
        long base = settings.firstRetryDelay().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, settings.maxRetryDelay().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private static Outcome await(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.SKIPPED;
        } catch (ExecutionException e) {
            return Outcome.SKIPPED;
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
