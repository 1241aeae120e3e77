package io.complaintflow.privacy;

import io.complaintflow.complaint.BusinessClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Starts the retention run at {@code complaintflow.privacy.retention-job.cron} on every node; one node runs it. */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "complaintflow.privacy.retention-job.enabled", havingValue = "true", matchIfMissing = true)
class RetentionSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);

    private final RetentionJob job;
    private final BusinessClock clock;

    RetentionSchedule(RetentionJob job, BusinessClock clock) {
        this.job = job;
        this.clock = clock;
    }

    @Scheduled(cron = "${complaintflow.privacy.retention-job.cron:0 0 2 * * *}", zone = "${complaintflow.zone}")
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
