package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import java.time.ZoneId;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The history level and the nightly cleanup window of application.yaml reach the engine. */
@ComplaintFlowTest
class HistoryConfigurationTest {

    @Autowired ProcessEngine engine;
    @Autowired HistoryService history;
    @Autowired RepositoryService repository;

    @Test
    void historyIsFullAndCleanedUpOnlyAtNightInTheBusinessTimeZone() {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getHistoryLevel().getName()).isEqualTo("full");
        assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00+0800");
        assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00+0800");

        // with a window configured the engine schedules its cleanup job at start, due when the window opens
        assertThat(history.findHistoryCleanupJobs()).isNotEmpty().allSatisfy((Job job) ->
                assertThat(job.getDuedate().toInstant().atZone(ZoneId.of("Asia/Shanghai")).getHour()).isEqualTo(1));
    }

    @Test
    void everyDeployedModelHasATimeToLiveSoCleanupCanRemoveItsHistory() {
        assertThat(repository.createProcessDefinitionQuery().list())
                .allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).as(d.getKey()).isNotNull().isPositive());
        assertThat(repository.createDecisionDefinitionQuery().list())
                .allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).as(d.getKey()).isNotNull().isPositive());
    }
}
