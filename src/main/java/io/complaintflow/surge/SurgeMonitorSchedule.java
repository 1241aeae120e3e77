package io.complaintflow.surge;

import io.complaintflow.complaint.BusinessClock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs the monitor every {@code complaintflow.surge.check-interval}. Every node schedules it; the tick row lets
 * one node per interval through, so a cluster checks once. Off in tests, which call the monitor themselves.
 */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "complaintflow.surge.monitor-enabled", havingValue = "true", matchIfMissing = true)
public class SurgeMonitorSchedule implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(SurgeMonitorSchedule.class);

    private final SurgeMonitor monitor;
    private final JdbcClient jdbc;
    private final BusinessClock clock;
    private final Duration interval;

    public SurgeMonitorSchedule(SurgeMonitor monitor, JdbcClient jdbc, BusinessClock clock,
                                SurgeProperties settings) {
        this.monitor = monitor;
        this.jdbc = jdbc;
        this.clock = clock;
        this.interval = settings.checkInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::tick, interval, interval));
    }

    public void tick() {
        var now = clock.now();
        int claimed = jdbc.sql("update surge_monitor_tick set last_check_at = ? where id = 1 and last_check_at < ?")
                .params(now.atOffset(ZoneOffset.UTC), now.minus(interval.dividedBy(2)).atOffset(ZoneOffset.UTC))
                .update();
        if (claimed == 0) {
            return; // another node checked within this interval
        }
        try {
            monitor.check();
        } catch (RuntimeException e) {
            LOG.warn("Surge check failed; next try in {}", interval, e);
        }
    }
}
