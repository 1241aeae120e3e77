package io.complaintflow.notification;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Every node sends due mail every {@code complaintflow.mail.dispatch-interval}, on its own thread — never on the job
 * executor's, so a deadline storm's timers do not wait behind mail (nor mail behind them).
 */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "complaintflow.mail.dispatch", havingValue = "true", matchIfMissing = true)
class MailDispatchSchedule implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(MailDispatchSchedule.class);

    private final MailDispatcher dispatcher;
    private final Duration interval;

    MailDispatchSchedule(MailDispatcher dispatcher, MailProperties settings) {
        this.dispatcher = dispatcher;
        this.interval = settings.dispatchInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::dispatch, interval, Duration.ofSeconds(10)));
    }

    void dispatch() {
        try {
            dispatcher.dispatchDue();
        } catch (RuntimeException e) {
            // the database is away (or busy): the next cycle tries again; what was sent meanwhile is remembered
            LOG.warn("Mail dispatch cycle failed: {}", e.getMessage());
        }
    }
}
