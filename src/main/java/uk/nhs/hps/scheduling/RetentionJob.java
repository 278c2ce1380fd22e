package uk.nhs.hps.scheduling;

import jakarta.inject.Singleton;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import uk.nhs.hps.privacy.ApplyingRetention;

/** Daily: anonymise people whose cohort's retention period has passed. Misfire: fire once now. */
@Singleton
@DisallowConcurrentExecution
public class RetentionJob implements Job {

    private final ApplyingRetention retention;

    RetentionJob(ApplyingRetention retention) {
        this.retention = retention;
    }

    @Override
    public void execute(JobExecutionContext context) {
        context.setResult(retention.run());
    }
}
