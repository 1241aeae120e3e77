package io.complaintflow.calendar;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Looks for missing holiday years a minute after start and then every {@code complaintflow.calendar.notice-check}. */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "complaintflow.calendar.notice-enabled", havingValue = "true", matchIfMissing = true)
public class CalendarNoticeSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(CalendarNoticeSchedule.class);

    private final CalendarNotices notices;

    public CalendarNoticeSchedule(CalendarNotices notices) {
        this.notices = notices;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${complaintflow.calendar.notice-check:PT6H}")
    public void check() {
        try {
            notices.announceMissingYears();
        } catch (RuntimeException e) {
            LOG.warn("Checking the holiday years failed; next try in complaintflow.calendar.notice-check", e);
        }
    }
}
