package io.complaintflow.calendar;

import io.complaintflow.sla.CalendarProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Looks for missing holiday years a minute after start and then every {@code complaintflow.calendar.notice-check}. */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "complaintflow.calendar.notice-enabled", havingValue = "true", matchIfMissing = true)
public class CalendarNoticeSchedule implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(CalendarNoticeSchedule.class);

    private final CalendarNotices notices;
    private final Duration interval;

    public CalendarNoticeSchedule(CalendarNotices notices, CalendarProperties settings) {
        this.notices = notices;
        this.interval = settings.noticeCheck();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::check, interval, Duration.ofMinutes(1)));
    }

    public void check() {
        try {
            notices.announceMissingYears();
        } catch (RuntimeException e) {
            LOG.warn("Checking the holiday years failed; next try in complaintflow.calendar.notice-check", e);
        }
    }
}
