package io.complaintflow.privacy;

import io.complaintflow.complaint.BusinessClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/** Starts the retention run at {@code complaintflow.privacy.retention-job.cron} on every node; one node runs it. */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "complaintflow.privacy.retention-job.enabled", havingValue = "true", matchIfMissing = true)
class RetentionSchedule implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);

    private final RetentionJob job;
    private final BusinessClock clock;
    private final String cron;

    RetentionSchedule(RetentionJob job, BusinessClock clock, PrivacySettings settings) {
        this.job = job;
        this.clock = clock;
        this.cron = settings.retentionJob().cron();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addCronTask(new CronTask(this::nightly, new CronTrigger(cron, clock.zone())));
    }

    void nightly() {
        try {
            job.run(clock.now().atZone(clock.zone()).toLocalDate(), node());
        } catch (RuntimeException e) {
            LOG.warn("Retention run failed; the next night's run picks up what is due", e);
        }
    }

    private static String node() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
