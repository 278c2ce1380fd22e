package uk.nhs.hps.scheduling;

import jakarta.inject.Singleton;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import uk.nhs.hps.meeting.MeetingDigest;

/**
 * On the 1st of each month: close last month (record missed meetings) and send the programme team's digest.
 * Misfire: fire once now, so a node that was down at 07:00 on the 1st still sends it, once.
 */
@Singleton
@DisallowConcurrentExecution
public class MeetingDigestJob implements Job {

    private final MeetingDigest digest;

    MeetingDigestJob(MeetingDigest digest) {
        this.digest = digest;
    }

    @Override
    public void execute(JobExecutionContext context) {
        context.setResult(digest.run(digest.lastMonth()));
    }
}
