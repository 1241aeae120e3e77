package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.DeadlineScenarios;
import io.complaintflow.TestScenarios;
import io.complaintflow.sla.Deadline;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine's work around a successful job, lighter: a job that succeeds with its retries left and no failure recorded has no failed-job incident to resolve, and none
 * is looked for; a job that has one (retries used up) and then succeeds, run by hand, still has it resolved. Its job
 * log entry names its definition from the deployment cache ({@link HistoryDefinitionsFromCache}).
 */
@ComplaintFlowTest
class SucceededJobIncidentsTest {

    @Autowired ProcessEngine engine;
    @Autowired TestScenarios scenarios;
    @Autowired DeadlineScenarios time;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private SucceededJobIncidents.Handler handler() {
        return (SucceededJobIncidents.Handler) ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getIncidentHandler(Incident.FAILED_JOB_HANDLER_TYPE);
    }

    @Test
    void aJobThatNeverFailedIsNotLookedUpAfterItSucceeds() {
        String caseNumber = scenarios.routine("delivery");
        Job job = time.ladderTimer(caseNumber, Deadline.RESOLUTION);
        ClockUtil.setCurrentTime(job.getDuedate());
        long skipped = handler().skipped.get();
        long looked = handler().looked.get();

        management.executeJob(job.getId());

        assertThat(handler().skipped.get()).isEqualTo(skipped + 1);
        assertThat(handler().looked.get()).isEqualTo(looked);
        assertThat(management.createJobQuery().jobId(job.getId()).count()).as("done").isZero();
    }

    /** The job log names the job's definition as the definition itself does, from the deployment cache. */
    @Test
    void theJobLogNamesTheDefinitionFromTheDeploymentCache() {
        String caseNumber = scenarios.routine("delivery");
        Job job = time.ladderTimer(caseNumber, Deadline.RESOLUTION);
        ClockUtil.setCurrentTime(job.getDuedate());
        HistoryDefinitionsFromCache.Producer producer = (HistoryDefinitionsFromCache.Producer)
                ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryEventProducer();
        long fromCache = producer.fromCache.get();

        management.executeJob(job.getId());

        assertThat(producer.fromCache.get()).isGreaterThan(fromCache);
        var definition = engine.getRepositoryService().getProcessDefinition(job.getProcessDefinitionId());
        assertThat(engine.getHistoryService().createHistoricJobLogQuery().jobId(job.getId()).successLog().singleResult())
                .satisfies(log -> {
                    assertThat(log.getProcessDefinitionId()).isEqualTo(definition.getId());
                    assertThat(log.getProcessDefinitionKey()).isEqualTo(definition.getKey());
                });
    }

    @Test
    void aJobWithAnIncidentThatSucceedsByHandHasItResolved() {
        String caseNumber = scenarios.routine("billing");
        Job job = time.ladderTimer(caseNumber, Deadline.RESOLUTION);
        ClockUtil.setCurrentTime(job.getDuedate());
        String constraint = "incidents_test_refuses_" + caseNumber.replace('-', '_');
        jdbc.sql("alter table escalation add constraint " + constraint + " check (case_number <> '" + caseNumber + "')")
                .update();
        try {
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertThatThrownBy(() -> management.executeJob(job.getId())).isInstanceOf(RuntimeException.class);
            }
        } finally {
            jdbc.sql("alter table escalation drop constraint " + constraint).update();
        }
        assertThat(runtime.createIncidentQuery().configuration(job.getId()).count()).isOne();
        long looked = handler().looked.get();

        // run by hand with no retries left (the retries untouched): it succeeds, and its incident goes with it
        management.executeJob(job.getId());

        assertThat(handler().looked.get()).isEqualTo(looked + 1);
        assertThat(runtime.createIncidentQuery().configuration(job.getId()).count()).isZero();
    }
}
