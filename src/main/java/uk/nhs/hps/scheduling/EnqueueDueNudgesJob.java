package uk.nhs.hps.scheduling;

import jakarta.inject.Singleton;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import uk.nhs.hps.nudge.EnqueueDueNudges;

/**
 * Every minute: enqueue whatever nudges are due. Misfire: fire once now (a missed minute is caught up by
 * the next pass anyway, because what is due is recomputed from the database). Never concurrent across the
 * cluster.
 */
@Singleton
@DisallowConcurrentExecution
public class EnqueueDueNudgesJob implements Job {

    private final EnqueueDueNudges enqueue;

    EnqueueDueNudgesJob(EnqueueDueNudges enqueue) {
        this.enqueue = enqueue;
    }

    @Override
    public void execute(JobExecutionContext context) {
        context.setResult(enqueue.run());
    }
}
