package io.complaintflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.TestSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

class MailDispatchScheduleTest {

    @Test
    void dispatchRunsAtTheConfiguredIntervalAfterTenSeconds() {
        var tasks = new ScheduledTaskRegistrar();
        new MailDispatchSchedule(null, TestSettings.bind(MailProperties.class,
                "complaintflow.mail.dispatch-interval=PT7S")).configureTasks(tasks);

        assertThat(tasks.getFixedDelayTaskList()).singleElement().satisfies(task -> {
            assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofSeconds(7));
            assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofSeconds(10));
        });
    }
}
