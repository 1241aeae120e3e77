package io.complaintflow.surge;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.TestSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

class SurgeMonitorScheduleTest {

    @Test
    void theMonitorRunsEveryCheckIntervalFromTheFirstOneOn() {
        var tasks = new ScheduledTaskRegistrar();
        new SurgeMonitorSchedule(null, null, null, TestSettings.bind(SurgeProperties.class,
                "complaintflow.surge.check-interval=PT7M")).configureTasks(tasks);

        assertThat(tasks.getFixedDelayTaskList()).singleElement().satisfies(task -> {
            assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofMinutes(7));
            assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofMinutes(7));
        });
    }
}
