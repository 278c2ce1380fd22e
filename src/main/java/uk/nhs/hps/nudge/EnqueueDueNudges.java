package uk.nhs.hps.nudge;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.hps.calendar.BankHolidays;
import uk.nhs.hps.calendar.WorkingCalendar;
import uk.nhs.hps.delivery.Outbox;
import uk.nhs.hps.meeting.MeetingNudges;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduler's every-minute pass: works out from the database which sponsor-meeting nudges and reflective
 * prompts are due now and enqueues them in the outbox, in batches, under idempotency keys, so running it twice,
 * on two nodes at once, or late after downtime never sends anything twice. One bad row is reported in the
 * result and skipped; the pass never throws for it.
 */
@Singleton
public class EnqueueDueNudges {

    private static final Logger LOG = LoggerFactory.getLogger(EnqueueDueNudges.class);
    static final int BATCH = 1000;

    @Serdeable
    public record Result(int meetingNudges, int reflectionPrompts, int promptsSkipped, int alreadyQueued,
                         int sponsorships, int participants, List<String> failures, long millis) {
        public int enqueued() {
            return meetingNudges + reflectionPrompts;
        }
    }

    private final MeetingNudges meetings;
    private final ReflectionPrompts prompts;
    private final BankHolidays holidays;
    private final Outbox outbox;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    EnqueueDueNudges(MeetingNudges meetings, ReflectionPrompts prompts, BankHolidays holidays, Outbox outbox,
                     TransactionOperations<Connection> transactions, Clock clock) {
        this.meetings = meetings;
        this.prompts = prompts;
        this.holidays = holidays;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Result run() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        WorkingCalendar calendar = holidays.calendar();
        List<String> failures = new ArrayList<>();

        MeetingNudges.Pass meetingPass = new MeetingNudges.Pass(List.of(), 0, 0, List.of());
        try {
            meetingPass = meetings.due(now, calendar);
        } catch (RuntimeException e) {
            LOG.error("Sponsor-meeting nudges could not be worked out", e);
            failures.add("meetings: " + e.getClass().getSimpleName());
        }
        failures.addAll(meetingPass.failures());
        int meetingAdded = enqueue(meetingPass.requests(), List.of(), now, failures);

        ReflectionPrompts.Pass promptPass = new ReflectionPrompts.Pass(List.of(), List.of(), 0, 0, List.of());
        try {
            promptPass = prompts.due(now, calendar);
        } catch (RuntimeException e) {
            LOG.error("Reflective prompts could not be worked out", e);
            failures.add("prompts: " + e.getClass().getSimpleName());
        }
        failures.addAll(promptPass.failures());
        int promptAdded = enqueue(promptPass.requests(), promptPass.updates(), now, failures);

        Result result = new Result(meetingAdded, promptAdded, promptPass.skipped(),
                meetingPass.alreadyQueued() + (meetingPass.requests().size() - meetingAdded)
                        + (promptPass.requests().size() - promptAdded),
                meetingPass.sponsorships(), promptPass.participants(), List.copyOf(failures),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        if (result.enqueued() > 0 || !failures.isEmpty()) {
            LOG.info("Due nudges: {} meeting nudges, {} reflective prompts ({} skipped), {} failures, {} ms",
                    meetingAdded, promptAdded, promptPass.skipped(), failures.size(), result.millis());
        }
        return result;
    }

    /** Batches in one transaction each; a failing batch is retried row by row so one bad row loses only itself. */
    private int enqueue(List<Outbox.Request> requests, List<ReflectionPrompts.Update> updates, Instant now, List<String> failures) {
        int added = 0;
        for (int from = 0; from < Math.max(requests.size(), updates.size()); from += BATCH) {
            List<Outbox.Request> batch = requests.subList(Math.min(from, requests.size()), Math.min(from + BATCH, requests.size()));
            List<ReflectionPrompts.Update> moves = updates.subList(Math.min(from, updates.size()), Math.min(from + BATCH, updates.size()));
            try {
                added += transactions.executeWrite(status -> {
                    int n = outbox.enqueueAll(batch).added();
                    ReflectionPrompts.record(status.getConnection(), moves, now);
                    return n;
                });
            } catch (RuntimeException e) {
                LOG.warn("A batch of {} nudges failed; retrying one by one", batch.size(), e);
                for (Outbox.Request r : batch) {
                    try {
                        added += outbox.enqueue(r) ? 1 : 0;
                    } catch (RuntimeException one) {
                        failures.add(r.idempotencyKey() + ": " + one.getClass().getSimpleName());
                    }
                }
                for (ReflectionPrompts.Update u : moves) {
                    try {
                        transactions.executeWrite(status -> {
                            ReflectionPrompts.record(status.getConnection(), List.of(u), now);
                            return null;
                        });
                    } catch (RuntimeException one) {
                        failures.add("prompt state " + u.personId() + ": " + one.getClass().getSimpleName());
                    }
                }
            }
        }
        return added;
    }
}
