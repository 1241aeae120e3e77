package io.complaintflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.TestSettings;
import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.ZoneProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.SimpleTriggerContext;

class RetentionScheduleTest {

    @Test
    void theNightlyRunFollowsTheConfiguredCronInTheBusinessZone() {
        var tasks = new ScheduledTaskRegistrar();
        var clock = new BusinessClock(new ZoneProperties(ZoneId.of("Europe/Berlin")));
        new RetentionSchedule(null, clock, TestSettings.bind(PrivacySettings.class,
                "complaintflow.privacy.retention-job.cron=0 15 3 * * *")).configureTasks(tasks);

        assertThat(tasks.getCronTaskList()).singleElement().satisfies(task -> {
            assertThat(task.getExpression()).isEqualTo("0 15 3 * * *");
            // 03:15 in Berlin (UTC+1 in January) is 02:15 UTC
            assertThat(task.getTrigger().nextExecution(new SimpleTriggerContext(
                    Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))))
                    .isEqualTo(Instant.parse("2026-01-01T02:15:00Z"));
        });
    }
}
