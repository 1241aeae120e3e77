package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.DeadlineScenarios;
import io.complaintflow.TestScenarios;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineService;
import io.complaintflow.sla.DeadlineState;
import io.complaintflow.sla.DeadlineTimers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
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

    private static final String LIFECYCLE = "gen2-probe-complaint-handling";
    private static final String DEPARTMENT = "gen2-probe-department-handling";
    private static final String LIFECYCLE_3 = "gen3-probe-complaint-handling";
    private static final String DEPARTMENT_3 = "gen3-probe-department-handling";

    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired HistoryService history;
    @Autowired ModelMigrator migrator;
    @Autowired TestScenarios scenarios;
    @Autowired DeadlineScenarios time;
    @Autowired DeadlineService deadlines;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aGenerationTwoComplaintKeepsItsLadderInstancesAndFinishesOnItsVersion() throws IOException {
        DeploymentWithDefinitions second = deploy("generation-2", resource("models/generation-2/complaint-handling.bpmn"),
                resource("models/generation-2/department-handling.bpmn"));
        DeadlineScenarios.now("2026-03-10T02:00:00Z"); // Tuesday 10:00 in Shanghai
        // a complaint started before the upgrade: record and deadlines from intake, processes of generation 2
        String caseNumber = scenarios.routine("delivery");
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).list()
                .forEach(p -> runtime.deleteProcessInstanceIfExists(p.getId(), "probe: generation 2 instead", true,
                        true, true, false));
        ProcessInstance lifecycle = startResolving(second, caseNumber);
        assertThat(ModelGeneration.of(repository.getBpmnModelInstance(lifecycle.getProcessDefinitionId()))).isEqualTo(2);
        assertThat(lifecycle).isWaitingAt("Activity_ResolutionDeadlines");
        assertThat(ladders(caseNumber)).as("a ladder instance for the lifecycle's deadlines and one for the department's")
                .hasSize(2);
        assertThat(time.ladderTimer(caseNumber, Deadline.RESOLUTION).getProcessDefinitionKey())
                .isEqualTo(DeadlineTimers.LADDER);

        DeploymentWithDefinitions third = deploy("generation-3", current("processes/complaint-handling.bpmn"),
                current("processes/department-handling.bpmn"));
        assertThat(ModelGeneration.of(repository.getBpmnModelInstance(third.getDeployedProcessDefinitions().get(0)
                .getId()))).isEqualTo(3);
        List<DefinitionMigration> migrations = migrator.migrateTo(third);
        for (String key : List.of(LIFECYCLE, DEPARTMENT)) {
            assertThat(migrations).filteredOn(m -> m.processKey().equals(key)).singleElement().satisfies(m -> {
                assertThat(m.migrated()).isZero();
                assertThat(m.notMigrated()).singleElement().satisfies(issue -> assertThat(issue.reason())
                        .contains("model generation 2 → 3").contains("runs to its end on version"));
            });
        }
        assertThat(definitionOf(lifecycle)).isEqualTo(lifecycle.getProcessDefinitionId());

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
        assertThat(definitionOf(lifecycle)).as("still on generation 2").isEqualTo(lifecycle.getProcessDefinitionId());
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
        DeploymentWithDefinitions first = deploy("generation-3-v1", current("processes/complaint-handling.bpmn"),
                current("processes/department-handling.bpmn"), LIFECYCLE_3, DEPARTMENT_3);
        DeadlineScenarios.now("2026-03-10T02:00:00Z");
        String caseNumber = scenarios.routine("delivery");
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).list()
                .forEach(p -> runtime.deleteProcessInstanceIfExists(p.getId(), "probe: version 1 instead", true,
                        true, true, false));
        ProcessInstance lifecycle = startResolving(first, caseNumber, LIFECYCLE_3);
        assertThat(lifecycle).isWaitingAt("Activity_ResolutionDeadlines");
        Job before = time.ladderTimer(caseNumber, Deadline.RESOLUTION);

        DeploymentWithDefinitions second = deploy("generation-3-v2", current("processes/complaint-handling.bpmn")
                        .replace("name=\"投诉处理\"", "name=\"投诉处理（第二版）\""),
                current("processes/department-handling.bpmn"), LIFECYCLE_3, DEPARTMENT_3);
        String secondLifecycle = second.getDeployedProcessDefinitions().stream()
                .filter(d -> d.getKey().equals(LIFECYCLE_3)).findFirst().orElseThrow().getId();
        List<DefinitionMigration> migrations = migrator.migrateTo(second);
        assertThat(migrations).filteredOn(m -> m.processKey().equals(LIFECYCLE_3)).singleElement().satisfies(m -> {
            assertThat(m.migrated()).isOne();
            assertThat(m.notMigrated()).isEmpty();
        });
        assertThat(definitionOf(lifecycle)).isEqualTo(secondLifecycle);
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
        DeploymentWithDefinitions third = deploy("generation-3-v3", current("processes/complaint-handling.bpmn")
                        .replace("name=\"投诉处理\"", "name=\"投诉处理（第三版）\""),
                current("processes/department-handling.bpmn"), LIFECYCLE_3, DEPARTMENT_3);
        assertThat(migrator.migrateTo(third)).filteredOn(m -> m.processKey().equals(LIFECYCLE_3)).singleElement()
                .satisfies(m -> {
                    assertThat(m.migrated()).isZero();
                    assertThat(m.notMigrated()).singleElement().satisfies(issue -> assertThat(issue.reason())
                            .contains("incident"));
                });
        assertThat(definitionOf(lifecycle)).isEqualTo(secondLifecycle);
        runtime.deleteProcessInstance(lifecycle.getId(), "probe done");
    }

    /** The generation-2 lifecycle at the start of its resolution (parallel: the ladder, and on to the department). */
    private ProcessInstance startResolving(DeploymentWithDefinitions deployment, String caseNumber) {
        return startResolving(deployment, caseNumber, LIFECYCLE);
    }

    private ProcessInstance startResolving(DeploymentWithDefinitions deployment, String caseNumber, String key) {
        String definition = deployment.getDeployedProcessDefinitions().stream()
                .filter(d -> d.getKey().equals(key)).findFirst().orElseThrow().getId();
        VariableMap variables = Variables.createVariables().putValue("caseNumber", caseNumber)
                .putValue("channel", "hotline").putValue("category", "delivery").putValue("grade", "G1")
                .putValue("departments", FormValues.jsonList(List.of("logistics"))).putValue("leadDepartment", "logistics")
                .putValue("departmentSla", "P3D").putValue("callbackWait", "P3D").putValue("resolvedAtIntake", false)
                .putValue("reviewRequired", false).putValue("rejectionCount", 0);
        return runtime.createProcessInstanceById(definition).businessKey(caseNumber).setVariables(variables)
                .startBeforeActivity("Gateway_StartResolving").execute();
    }

    private List<ProcessInstance> ladders(String caseNumber) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(DeadlineTimers.LADDER)
                .processInstanceBusinessKey(caseNumber).list();
    }

    private String definitionOf(ProcessInstance instance) {
        return runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
                .getProcessDefinitionId();
    }

    /** The lifecycle and department models under probe keys, with the ladder they call from their own deployment. */
    private DeploymentWithDefinitions deploy(String name, String lifecycle, String department) {
        return deploy(name, lifecycle, department, LIFECYCLE, DEPARTMENT);
    }

    private DeploymentWithDefinitions deploy(String name, String lifecycle, String department, String lifecycleKey,
                                             String departmentKey) {
        var deployment = repository.createDeployment().name("ladder-generation-probe-" + name)
                .addString("complaint-handling.bpmn", probe(lifecycle, lifecycleKey, departmentKey))
                .addString("department-handling.bpmn", probe(department, lifecycleKey, departmentKey))
                .addString("deadline-ladder.bpmn", current("processes/deadline-ladder.bpmn"))
                .addString("compensation-authority.dmn", current("processes/compensation-authority.dmn"));
        try (var forms = Files.list(Path.of("forms"))) {
            forms.forEach(f -> deployment.addString(f.getFileName().toString(), current(f.toString())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return deployment.deployWithResult();
    }

    private static String probe(String bpmn, String lifecycleKey, String departmentKey) {
        return bpmn.replace("id=\"complaint-handling\"", "id=\"" + lifecycleKey + "\"")
                .replace("id=\"department-handling\"", "id=\"" + departmentKey + "\"")
                .replace("calledElement=\"department-handling\"", "calledElement=\"" + departmentKey + "\"")
                .replace("bpmnElement=\"complaint-handling\"", "bpmnElement=\"" + lifecycleKey + "\"")
                .replace("bpmnElement=\"department-handling\"", "bpmnElement=\"" + departmentKey + "\"");
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = LadderGenerationsTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String current(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
