package io.complaintflow.engine;

import static io.complaintflow.ProbeModels.current;
import static io.complaintflow.ProbeModels.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.ProbeModels;
import io.complaintflow.ProbeModels.Keys;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineService;
import io.complaintflow.sla.DeadlineState;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Instances of the models before the deadline ladder (generation 1, boundary timers fed by deadline variables) finish
 * on the version they started on: a new generation is deployed, they are not migrated (the engine would accept the
 * plan and drop their timers) but listed, and their old timers, pause handling and steps still work to the end.
 * The lifecycle models of generation 1 (as they were on main before the ladder, in src/test/resources) run under
 * probe keys, so the shared context's models stay untouched.
 */
@ComplaintFlowTest
class ModelGenerationTest {

    private static final Keys FIRST = new Keys("gen1-probe-complaint-handling", "gen1-probe-department-handling");

    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired ModelMigrator migrator;
    @Autowired ProbeModels probes;
    @Autowired TestScenarios scenarios;
    @Autowired DeadlineService deadlines;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aGenerationOneComplaintIsNotMigratedAndRunsToItsEndOnItsOwnVersion() {
        DeploymentWithDefinitions first = probes.deploy("generation-1", FIRST,
                resource("models/generation-1/complaint-handling.bpmn"),
                resource("models/generation-1/department-handling.bpmn"));
        // an instance that was started before the upgrade: record and deadlines from intake, process of generation 1
        String caseNumber = scenarios.routine("delivery");
        probes.takeOver(caseNumber);
        ProcessInstance lifecycle = startAtDepartments(first, caseNumber);
        assertThat(ModelGeneration.of(repository.getBpmnModelInstance(lifecycle.getProcessDefinitionId()))).isEqualTo(1);
        assertThat(timers(caseNumber)).as("generation 1 holds a timer per level").hasSize(8);
        // its department part started the department's deadline through the bean name it knows, ${departmentClock}
        // (the alias of departmentDeadline kept for versions deployed before issue 21)
        assertThat(resource("models/generation-1/department-handling.bpmn")).contains("${departmentClock}");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
                .processDefinitionKey(FIRST.department()).singleResult()).satisfies(part -> assertThat(
                        runtime.getVariable(part.getId(), "departmentClockStarted")).isEqualTo(true));

        DeploymentWithDefinitions second = probes.deploy("current", FIRST,
                current("processes/complaint-handling.bpmn"), current("processes/department-handling.bpmn"));
        List<DefinitionMigration> migrations = migrator.migrateTo(second);
        assertThat(migrations).filteredOn(m -> m.processKey().equals(FIRST.lifecycle())).singleElement().satisfies(m -> {
            assertThat(m.migrated()).isZero();
            assertThat(m.notMigrated()).singleElement().satisfies(issue -> {
                assertThat(issue.processInstanceId()).isEqualTo(lifecycle.getId());
                assertThat(issue.reason()).contains("model generation 1 → 3").contains("runs to its end on version");
            });
        });
        assertThat(probes.definitionOf(lifecycle)).isEqualTo(lifecycle.getProcessDefinitionId());

        // its boundary timers still escalate (the generation-1 delegate with its input parameters deadline and level)
        fireTimer(caseNumber, "Event_DepartmentWarning");
        fireTimer(caseNumber, "Event_DepartmentOverdue");
        assertThat(jdbc.sql("select escalated_to from escalation where case_number = ? and deadline = ? order by id")
                .param(caseNumber).param(Deadline.department("logistics")).query(String.class).list())
                .containsExactly("dept-logistics", "dept-logistics-lead");
        assertThat(deadlines.find(caseNumber, Deadline.department("logistics")).orElseThrow().state())
                .isEqualTo(DeadlineState.BREACHED);

        // waiting for the customer re-dates its remaining timers as before
        var task = scenarios.departmentTask(caseNumber, "logistics");
        scenarios.complete(task, "logistics", Map.of("outcome", "need-info", "waitReason", "请提供快递单号"));
        ClockUtil.setCurrentTime(java.util.Date.from(ClockUtil.getCurrentTime().toInstant().plusSeconds(7200)));
        scenarios.complete(scenarios.task(caseNumber, "Task_AwaitInformation"), "logistics",
                Map.of("customerInfo", "单号 SF123"));
        Deadline resolution = deadlines.find(caseNumber, Deadline.RESOLUTION).orElseThrow();
        assertThat(timer(caseNumber, "Event_ResolutionOverdue").getDuedate().toInstant())
                .isEqualTo(resolution.targetAt());

        scenarios.propose(caseNumber, "logistics", "logistics", "补发包裹");
        scenarios.complete(caseNumber, "Task_AnswerCustomer", "center", Map.of("answer", "已补发", "compensation", 0));
        scenarios.accept(caseNumber);
        assertThat(lifecycle).isWaitingAt("Gateway_AwaitCallback").hasPassed("Task_CheckAuthority",
                "Task_CollectDepartmentResults");
        assertThat(probes.definitionOf(lifecycle)).as("still on generation 1").isEqualTo(lifecycle.getProcessDefinitionId());
        assertThat(scenarios.complaint(caseNumber).status()).isEqualTo(ComplaintStatus.CLOSED);
        runtime.deleteProcessInstance(lifecycle.getId(), "probe done");
    }

    private ProcessInstance startAtDepartments(DeploymentWithDefinitions deployment, String caseNumber) {
        // generation 1 read its deadlines' timers from variables
        VariableMap variables = ProbeModels.routedToLogistics(caseNumber);
        for (String[] deadline : new String[][] {{Deadline.FIRST_RESPONSE, "firstResponse"}, {Deadline.RESOLUTION, "resolution"}}) {
            Deadline c = deadlines.find(caseNumber, deadline[0]).orElseThrow();
            variables.putValue(deadline[1] + "WarningAt", java.util.Date.from(c.warningAt()))
                    .putValue(deadline[1] + "DueAt", java.util.Date.from(c.targetAt()))
                    .putValue(deadline[1] + "Level2At", java.util.Date.from(c.level2At()));
        }
        return runtime.createProcessInstanceById(ProbeModels.definition(deployment, FIRST.lifecycle()))
                .businessKey(caseNumber).setVariables(variables)
                .startBeforeActivity("Activity_DepartmentHandling#multiInstanceBody").execute();
    }

    private List<Job> timers(String caseNumber) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).list().stream()
                .flatMap(p -> management.createJobQuery().processInstanceId(p.getId()).timers().list().stream())
                .toList();
    }

    private Job timer(String caseNumber, String activityId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).list().stream()
                .flatMap(p -> management.createJobQuery().processInstanceId(p.getId()).activityId(activityId)
                        .timers().list().stream()).findFirst().orElse(null);
    }

    private void fireTimer(String caseNumber, String activityId) {
        Job job = timer(caseNumber, activityId);
        assertThat(job).as(activityId).isNotNull();
        ClockUtil.setCurrentTime(job.getDuedate());
        management.executeJob(job.getId());
    }
}
