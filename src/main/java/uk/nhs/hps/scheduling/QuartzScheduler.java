package uk.nhs.hps.scheduling;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;

/**
 * Starts clustered Quartz on the application's database (the QRTZ_* tables of V60) with a few cron jobs.
 * Every node runs this; Quartz's row locks make each firing run on exactly one node, and
 * {@code @DisallowConcurrentExecution} keeps a slow pass from overlapping the next. Triggers are created
 * once and left alone while their schedule is unchanged, so a restart keeps their misfire state and fires a
 * missed run once, late (MISFIRE_INSTRUCTION_FIRE_ONCE_NOW), never a burst.
 * Off with {@code scheduling.enabled=false}.
 */
@Context
@Requires(property = "scheduling.enabled", notEquals = "false")
public class QuartzScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(QuartzScheduler.class);
    static final String GROUP = "hps";

    private final Scheduler scheduler;

    QuartzScheduler(DataSource dataSource, BeanContext beans, SchedulingSettings settings) throws SchedulerException {
        String dataSourceName = "hps-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new DataSourceConnectionProvider(dataSource));
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", settings.schedulerName());
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(settings.threads()));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "quartz-" + settings.schedulerName());
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(settings.clusterCheckinInterval().toMillis()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(settings.misfireThreshold().toMillis()));
        StdSchedulerFactory factory = new StdSchedulerFactory(p);
        this.scheduler = factory.getScheduler();
        // Quartz keeps schedulers in a JVM-wide registry by name; the cluster needs one name, so leave the
        // registry out of it (it also lets two application contexts share a JVM, as in tests).
        SchedulerRepository.getInstance().remove(settings.schedulerName());
        scheduler.setJobFactory(new BeanJobFactory(beans));
        TimeZone zone = TimeZone.getTimeZone(settings.timeZone());
        schedule(EnqueueDueNudgesJob.class, "enqueue-due-nudges", settings.nudgesCron(), zone);
        schedule(MeetingDigestJob.class, "monthly-meeting-digest", settings.digestCron(), zone);
        schedule(RetentionJob.class, "daily-retention", settings.retentionCron(), zone);
        scheduler.start();
        LOG.info("Scheduler {} started (instance {}, clustered JDBC store)", settings.schedulerName(),
                scheduler.getSchedulerInstanceId());
    }

    /** The running scheduler, for health checks and tests. */
    public Scheduler scheduler() {
        return scheduler;
    }

    private void schedule(Class<? extends Job> job, String name, String cron, TimeZone zone) throws SchedulerException {
        JobDetail detail = JobBuilder.newJob(job).withIdentity(name, GROUP).storeDurably().build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(name, GROUP).forJob(detail)
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(zone)
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        Trigger existing = scheduler.getTrigger(TriggerKey.triggerKey(name, GROUP));
        if (existing instanceof CronTrigger current && current.getCronExpression().equals(cron)
                && current.getTimeZone().getID().equals(zone.getID())
                && scheduler.checkExists(JobKey.jobKey(name, GROUP))) {
            return;
        }
        try {
            scheduler.scheduleJob(detail, Set.of(trigger), true);
        } catch (org.quartz.ObjectAlreadyExistsException raced) {
            // another node registered it at the same moment: theirs is the same schedule
        }
    }

    @PreDestroy
    void stop() throws SchedulerException {
        scheduler.shutdown(true);
    }
}
