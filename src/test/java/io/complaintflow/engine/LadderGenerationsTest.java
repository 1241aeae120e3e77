package io.complaintflow.engine;

import static io.complaintflow.ProbeModels.current;
import static io.complaintflow.ProbeModels.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.DeadlineScenarios;
import io.complaintflow.ProbeModels;
import io.complaintflow.ProbeModels.Keys;
import io.complaintflow.TestScenarios;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineService;
import io.complaintflow.sla.DeadlineState;
import io.complaintflow.sla.DeadlineTimers;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Generation 3 made the deadline ladder a task of its callers; a complaint started on generation 2 keeps its ladder
 * instances ({@code deadline-ladder}, still deployed) and finishes on its version: the new generation is deployed,
 * the instance is not migrated but listed, and its ladders still climb, park and re-arm on pause and resume, and end.
 * The generation-2 lifecycle models (as they were on main before generation 3, in src/test/resources) run under probe
 * keys beside the real ladder model, so the shared context's models stay untouched.
 */
@ComplaintFlowTest
class LadderGenerationsTest {

    private static final Keys SECOND = new Keys("gen2-probe-complaint-handling", "gen2-probe-department-handling");
    private static final Keys THIRD = new Keys("gen3-probe-complaint-handling", "gen3-probe-department-handling");

    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired HistoryService history;
    @Autowired ModelMigrator migrator;
    @Autowired ProbeModels probes;
    @Autowired TestScenarios scenarios;
    @Autowired DeadlineScenarios time;
    @Autowired DeadlineService deadlines;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aGenerationTwoComplaintKeepsItsLadderInstancesAndFinishesOnItsVersion() {
        DeploymentWithDefinitions second = probes.deployWithLadder("generation-2", SECOND,
                resource("models/generation-2/complaint-handling.bpmn"),
                resource("models/generation-2/department-handling.bpmn"));
        DeadlineScenarios.now("2026-03-10T02:00:00Z"); // Tuesday 10:00 in Shanghai
        // a complaint started before the upgrade: record and deadlines from intake, processes of generation 2
        String caseNumber = scenarios.routine("delivery");
        probes.takeOver(caseNumber);
        ProcessInstance lifecycle = startResolving(second, caseNumber, SECOND.lifecycle());
        assertThat(ModelGeneration.of(repository.getBpmnModelInstance(lifecycle.getProcessDefinitionId()))).isEqualTo(2);
        assertThat(lifecycle).isWaitingAt("Activity_ResolutionDeadlines");
        assertThat(ladders(caseNumber)).as("a ladder instance for the lifecycle's deadlines and one for the department's")
                .hasSize(2);
        assertThat(time.ladderTimer(caseNumber, Deadline.RESOLUTION).getProcessDefinitionKey())
                .isEqualTo(DeadlineTimers.LADDER);

        DeploymentWithDefinitions third = probes.deployWithLadder("generation-3", SECOND,
                current("processes/complaint-handling.bpmn"), current("processes/department-handling.bpmn"));
        assertThat(ModelGeneration.of(repository.getBpmnModelInstance(third.getDeployedProcessDefinitions().get(0)
                .getId()))).isEqualTo(3);
        List<DefinitionMigration> migrations = migrator.migrateTo(third);
        for (String key : List.of(SECOND.lifecycle(), SECOND.department())) {
            assertThat(migrations).filteredOn(m -> m.processKey().equals(key)).singleElement().satisfies(m -> {
                assertThat(m.migrated()).isZero();
                assertThat(m.notMigrated()).singleElement().satisfies(issue -> assertThat(issue.reason())
                        .contains("model generation 2 → 3").contains("runs to its end on version"));
            });
        }
        assertThat(probes.definitionOf(lifecycle)).isEqualTo(lifecycle.getProcessDefinitionId());

        // waiting for the customer parks its ladders' timers, the answer re-arms them (DeadlineTimers.rearm)
        DeadlineScenarios.now("2026-03-10T03:00:00Z");
        scenarios.complete(scenarios.departmentTask(caseNumber, "logistics"), "logistics",
                Map.of("outcome", "need-info", "waitReason", "请提供快递单号"));
        assertThat(time.ladderTimer(caseNumber, Deadline.RESOLUTION).getDuedate().toInstant())
                .isEqualTo(DeadlineTimers.PARKED);
        DeadlineScenarios.now("2026-03-11T03:00:00Z");
        scenarios.complete(scenarios.task(caseNumber, "Task_AwaitInformation"), "logistics",
                Map.of("customerInfo", "单号 SF123"));
        assertThat(time.ladderTimer(caseNumber, Deadline.RESOLUTION).getDuedate().toInstant())
                .isEqualTo(deadlines.find(caseNumber, Deadline.RESOLUTION).orElseThrow().warningAt());

        // its department's ladder climbs as before: the reminder, then the deadline
        Deadline department = deadlines.find(caseNumber, Deadline.department("logistics")).orElseThrow();
        assertThat(time.ladderTimer(caseNumber, department.name()).getDuedate().toInstant())
                .isEqualTo(department.warningAt());
        time.fire(caseNumber, "Event_DepartmentWarning");
        assertThat(time.ladderTimer(caseNumber, department.name()).getDuedate().toInstant())
                .isEqualTo(department.targetAt());
        time.fire(caseNumber, "Event_DepartmentOverdue");
        assertThat(jdbc.sql("select escalated_to from escalation where case_number = ? and deadline = ? order by id")
                .param(caseNumber).param(department.name()).query(String.class).list())
                .containsExactly("dept-logistics", "dept-logistics-lead");
        assertThat(deadlines.find(caseNumber, department.name()).orElseThrow().state())
                .isEqualTo(DeadlineState.BREACHED);

        // the department's last step: its ladder instance ends at its own end event
        time.fire(caseNumber, "Event_DepartmentLevel2");
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(DeadlineTimers.LADDER)
                .processInstanceBusinessKey(caseNumber).completed().list())
                .extracting(HistoricProcessInstance::getEndActivityId).containsExactly("EndEvent_LadderDone");

        // and the complaint runs to its end on generation 2; the lifecycle's ladder ends with its scope
        scenarios.propose(caseNumber, "logistics", "logistics", "补发包裹");
        scenarios.complete(caseNumber, "Task_AnswerCustomer", "center", Map.of("answer", "已补发", "compensation", 0));
        scenarios.accept(caseNumber);
        assertThat(ladders(caseNumber)).isEmpty();
        assertThat(lifecycle).isWaitingAt("Gateway_AwaitCallback");
        assertThat(probes.definitionOf(lifecycle)).as("still on generation 2")
                .isEqualTo(lifecycle.getProcessDefinitionId());
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).list())
                .extracting(ProcessInstance::getProcessDefinitionId).containsOnly(lifecycle.getProcessDefinitionId());
        runtime.deleteProcessInstance(lifecycle.getId(), "probe done");
    }

    /**
     * Within generation 3 a new version takes over a complaint that waits at a ladder task: Camunda's migration neither
     * knows a waiting service task nor carries a timer its target does not declare, so {@link OwnTimersAcrossVersions}
     * accepts the task and puts the ladder's job back on the same execution — same due date, same deadlines, now of the
     * new version — and it still fires there. A ladder job with an incident keeps its instance on its version.
     */
    @Test
    void aComplaintWaitingAtALadderTaskMovesToTheNewVersionWithItsJob() {
        DeploymentWithDefinitions first = probes.deployWithLadder("generation-3-v1", THIRD,
                current("processes/complaint-handling.bpmn"), current("processes/department-handling.bpmn"));
        DeadlineScenarios.now("2026-03-10T02:00:00Z");
        String caseNumber = scenarios.routine("delivery");
        probes.takeOver(caseNumber);
        ProcessInstance lifecycle = startResolving(first, caseNumber, THIRD.lifecycle());
        assertThat(lifecycle).isWaitingAt("Activity_ResolutionDeadlines");
        Job before = time.ladderTimer(caseNumber, Deadline.RESOLUTION);

        DeploymentWithDefinitions second = probes.deployWithLadder("generation-3-v2", THIRD,
                current("processes/complaint-handling.bpmn").replace("name=\"投诉处理\"", "name=\"投诉处理（第二版）\""),
                current("processes/department-handling.bpmn"));
        String secondLifecycle = ProbeModels.definition(second, THIRD.lifecycle());
        List<DefinitionMigration> migrations = migrator.migrateTo(second);
        assertThat(migrations).filteredOn(m -> m.processKey().equals(THIRD.lifecycle())).singleElement()
                .satisfies(m -> {
                    assertThat(m.migrated()).isOne();
                    assertThat(m.notMigrated()).isEmpty();
                });
        assertThat(probes.definitionOf(lifecycle)).isEqualTo(secondLifecycle);
        assertThat(lifecycle).isWaitingAt("Activity_ResolutionDeadlines");
        List<Job> ladderJobs = management.createJobQuery().processInstanceId(lifecycle.getId()).timers().list()
                .stream().filter(j -> j.getJobDefinitionId() == null).toList();
        assertThat(ladderJobs).as("one ladder job, not lost, not doubled").hasSize(1);
        Job after = time.ladderTimer(caseNumber, Deadline.RESOLUTION);
        assertThat(after.getExecutionId()).isEqualTo(before.getExecutionId());
        assertThat(after.getDuedate()).isEqualTo(before.getDuedate());
        assertThat(after.getProcessDefinitionId()).isEqualTo(secondLifecycle);

        time.fire(caseNumber, "Event_FirstResponseWarning");
        assertThat(jdbc.sql("select count(*) from escalation where case_number = ? and deadline = 'FIRST_RESPONSE'")
                .param(caseNumber).query(Long.class).single()).isOne();
        assertThat(time.ladderTimer(caseNumber, Deadline.RESOLUTION).getProcessDefinitionId())
                .isEqualTo(secondLifecycle);

        Job failing = time.ladderTimer(caseNumber, Deadline.RESOLUTION);
        management.setJobRetries(failing.getId(), 0);
        DeploymentWithDefinitions third = probes.deployWithLadder("generation-3-v3", THIRD,
                current("processes/complaint-handling.bpmn").replace("name=\"投诉处理\"", "name=\"投诉处理（第三版）\""),
                current("processes/department-handling.bpmn"));
        assertThat(migrator.migrateTo(third)).filteredOn(m -> m.processKey().equals(THIRD.lifecycle())).singleElement()
                .satisfies(m -> {
                    assertThat(m.migrated()).isZero();
                    assertThat(m.notMigrated()).singleElement().satisfies(issue -> assertThat(issue.reason())
                            .contains("incident"));
                });
        assertThat(probes.definitionOf(lifecycle)).isEqualTo(secondLifecycle);
        runtime.deleteProcessInstance(lifecycle.getId(), "probe done");
    }

    /** The lifecycle at the start of its resolution (parallel: the ladder, and on to the department). */
    private ProcessInstance startResolving(DeploymentWithDefinitions deployment, String caseNumber, String key) {
        return runtime.createProcessInstanceById(ProbeModels.definition(deployment, key)).businessKey(caseNumber)
                .setVariables(ProbeModels.routedToLogistics(caseNumber)).startBeforeActivity("Gateway_StartResolving")
                .execute();
    }

    private List<ProcessInstance> ladders(String caseNumber) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(DeadlineTimers.LADDER)
                .processInstanceBusinessKey(caseNumber).list();
    }
}
