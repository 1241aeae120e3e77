package io.complaintflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.TestSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

class DatabaseWatchScheduleTest {

    @Test
    void theWatchRunsAtTheConfiguredIntervalAfterTenSeconds() {
        var tasks = new ScheduledTaskRegistrar();
        new DatabaseWatchSchedule().databaseWatchTicker(null, TestSettings.bind(DatabaseFaultProperties.class,
                "complaintflow.database.watch-interval=PT3S")).configureTasks(tasks);

        assertThat(tasks.getFixedDelayTaskList()).singleElement().satisfies(task -> {
            assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofSeconds(3));
            assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofSeconds(10));
        });
    }
}
