package io.complaintflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.TestSettings;
import io.complaintflow.sla.CalendarProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

class CalendarNoticeScheduleTest {

    @Test
    void missingYearsAreLookedForAtTheConfiguredIntervalAfterAMinute() {
        var tasks = new ScheduledTaskRegistrar();
        new CalendarNoticeSchedule(null, TestSettings.bind(CalendarProperties.class,
                "complaintflow.calendar.notice-check=PT3H")).configureTasks(tasks);

        assertThat(tasks.getFixedDelayTaskList()).singleElement().satisfies(task -> {
            assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofHours(3));
            assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofMinutes(1));
        });
    }
}
