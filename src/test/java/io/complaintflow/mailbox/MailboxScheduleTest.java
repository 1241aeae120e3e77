package io.complaintflow.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.TestSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

class MailboxScheduleTest {

    @Test
    void theMailboxIsPolledEveryPollIntervalAfterThirtySeconds() {
        var tasks = new ScheduledTaskRegistrar();
        new MailboxSchedule(TestSettings.bind(MailboxProperties.class, "complaintflow.mailbox.poll-interval=PT2M"),
                null, null, null).configureTasks(tasks);

        assertThat(tasks.getFixedDelayTaskList()).singleElement().satisfies(task -> {
            assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofMinutes(2));
            assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofSeconds(30));
        });
    }
}
