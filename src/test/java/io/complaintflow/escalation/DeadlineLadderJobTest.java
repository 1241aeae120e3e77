package io.complaintflow.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.DeadlineScenarios;
import io.complaintflow.TestScenarios;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineService;
import io.complaintflow.sla.DeadlineTimers;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ladder task's job as operations see it: a step that keeps failing becomes an incident on the complaint's own
 * instance, at the ladder task, once its retries are used up, and a retry after the cause is gone takes the step and
 * arms the next job; the job goes with the scope of its caller.
 */
@ComplaintFlowTest
class DeadlineLadderJobTest {

    @Autowired TestScenarios scenarios;
    @Autowired DeadlineScenarios time;
    @Autowired DeadlineService deadlines;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aStepThatKeepsFailingBecomesAnIncidentAtTheLadderTaskOfTheComplaint() {
        String caseNumber = scenarios.routine("delivery");
        ProcessInstance lifecycle = runtime.createProcessInstanceQuery().processDefinitionKey("complaint-handling")
                .processInstanceBusinessKey(caseNumber).singleResult();
        Job job = time.ladderTimer(caseNumber, Deadline.RESOLUTION);
        assertThat(job.getProcessInstanceId()).isEqualTo(lifecycle.getId());
        assertThat(job.getRetries()).isEqualTo(3);
        ClockUtil.setCurrentTime(job.getDuedate());

        // the database refuses this complaint's escalation rows: the step fails and is rolled back
        String constraint = "ladder_test_refuses_" + caseNumber.replace('-', '_');
        jdbc.sql("alter table escalation add constraint " + constraint + " check (case_number <> '" + caseNumber + "')")
                .update();
        try {
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertThatThrownBy(() -> management.executeJob(job.getId())).as("attempt " + attempt)
                        .isInstanceOf(RuntimeException.class);
            }
        } finally {
            jdbc.sql("alter table escalation drop constraint " + constraint).update();
        }

        Job failed = management.createJobQuery().jobId(job.getId()).singleResult();
        assertThat(failed.getRetries()).isZero();
        assertThat(management.getJobExceptionStacktrace(job.getId())).containsIgnoringCase(constraint);
        Incident incident = runtime.createIncidentQuery().processInstanceId(lifecycle.getId()).singleResult();
        assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        assertThat(incident.getActivityId()).isEqualTo("Activity_ResolutionDeadlines");
        assertThat(incident.getConfiguration()).isEqualTo(job.getId());
        assertThat(incident.getExecutionId()).isEqualTo(job.getExecutionId());
        assertThat(deadlines.find(caseNumber, Deadline.FIRST_RESPONSE).orElseThrow().ladderStep())
                .as("nothing of the failed step stayed").isZero();
        BpmnAwareTests.assertThat(lifecycle).isWaitingAt("Activity_ResolutionDeadlines");

        // an operator retries it (Cockpit's "increment retries"): the step is taken, the incident resolved, the next
        // job armed in its place
        management.setJobRetries(job.getId(), 1);
        management.executeJob(job.getId());
        assertThat(runtime.createIncidentQuery().processInstanceId(lifecycle.getId()).count()).isZero();
        assertThat(deadlines.find(caseNumber, Deadline.FIRST_RESPONSE).orElseThrow().ladderStep()).isOne();
        assertThat(jdbc.sql("select count(*) from escalation where case_number = ?").param(caseNumber)
                .query(Long.class).single()).isOne();
        Job next = time.ladderTimer(caseNumber, Deadline.RESOLUTION);
        assertThat(next.getId()).isNotEqualTo(job.getId());
        assertThat(next.getRetries()).isEqualTo(3);
        assertThat(next.getDuedate().toInstant())
                .isEqualTo(deadlines.find(caseNumber, Deadline.FIRST_RESPONSE).orElseThrow().targetAt());
    }

    @Test
    void theJobGoesWithItsCallersScope() {
        String caseNumber = scenarios.routine("billing");
        Job lifecycleJob = time.ladderTimer(caseNumber, Deadline.RESOLUTION);
        Job departmentJob = time.ladderTimer(caseNumber, Deadline.department("billing"));
        assertThat(time.ladderTimer(caseNumber, Deadline.FIRST_RESPONSE).getId()).isEqualTo(lifecycleJob.getId());

        // the department's part ends with its proposal: its ladder task and job with it
        scenarios.propose(caseNumber, "billing", "billing", "退还多扣的费用");
        assertThat(management.createJobQuery().jobId(departmentJob.getId()).count()).isZero();
        assertThat(management.createJobQuery().jobId(lifecycleJob.getId()).count()).as("the lifecycle's waits on")
                .isOne();

        // the complaint's resolution ends when it is answered and accepted: the lifecycle's ladder task and job go
        scenarios.complete(caseNumber, "Task_AnswerCustomer", "center", java.util.Map.of("answer", "已退还",
                "compensation", 0));
        scenarios.accept(caseNumber);
        assertThat(management.createJobQuery().jobId(lifecycleJob.getId()).count()).isZero();
        assertThat(time.ladderTimer(caseNumber, Deadline.RESOLUTION)).isNull();
        assertThat(timers(caseNumber)).noneMatch(job -> job.getPriority() == DeadlineTimers.LADDER_PRIORITY);
    }

    @Test
    void afterTheLastStepOfItsDeadlinesTheLadderTaskIsLeft() {
        String caseNumber = scenarios.routine("delivery");
        ProcessInstance lifecycle = runtime.createProcessInstanceQuery().processDefinitionKey("complaint-handling")
                .processInstanceBusinessKey(caseNumber).singleResult();
        // the ladder took its last steps: each deadline's ladder is at its end
        Deadline resolution = deadlines.find(caseNumber, Deadline.RESOLUTION).orElseThrow();
        ClockUtil.setCurrentTime(Date.from(resolution.level2At().plusSeconds(60)));
        Job job = time.ladderTimer(caseNumber, Deadline.RESOLUTION);
        management.executeJob(job.getId());
        assertThat(time.ladderTimer(caseNumber, Deadline.RESOLUTION)).isNull();
        BpmnAwareTests.assertThat(lifecycle).hasPassed("Activity_ResolutionDeadlines", "EndEvent_DeadlinesWatched");
        assertThat(jdbc.sql("select count(*) from escalation where case_number = ? and deadline in"
                + " ('FIRST_RESPONSE', 'RESOLUTION')").param(caseNumber).query(Long.class).single())
                .as("80%, 100% of both, 150% of the resolution, taken in one look").isEqualTo(5);
        assertThat(management.createJobQuery().processInstanceId(lifecycle.getId()).list())
                .noneMatch(j -> j.getId().equals(job.getId()));
        assertThat(DeadlineTimers.LADDER_PRIORITY).isEqualTo(100);
    }

    private java.util.List<Job> timers(String caseNumber) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).list().stream()
                .flatMap(p -> management.createJobQuery().processInstanceId(p.getId()).timers().list().stream())
                .toList();
    }
}
