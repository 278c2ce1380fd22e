package uk.nhs.hps.scheduling;

import io.micronaut.context.BeanContext;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/** Quartz asks Micronaut for its jobs, so jobs are ordinary beans with their use cases injected. */
final class BeanJobFactory implements JobFactory {

    private final BeanContext beans;

    BeanJobFactory(BeanContext beans) {
        this.beans = beans;
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
        Class<? extends Job> type = bundle.getJobDetail().getJobClass();
        try {
            return beans.getBean(type);
        } catch (RuntimeException e) {
            throw new SchedulerException("No bean for job " + type.getName(), e);
        }
    }
}
