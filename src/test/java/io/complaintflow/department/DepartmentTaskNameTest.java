package io.complaintflow.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HandlerForms;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.ComplaintProcess;
import io.complaintflow.engine.DefinitionMigration;
import io.complaintflow.engine.ModelMigrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The department's task is labelled 处理投诉 in the model — what Cockpit's diagram, Modeler and the docs' picture show —
 * and named after its department when it is created, so Tasklist shows 处理投诉（法务部）. Parts of the version before,
 * whose label was the expression {@code 处理投诉（${departmentPlan.label(department)}）}, move to the new version and
 * keep their task's name; a task they create afterwards is named by the listener, once.
 */
@ComplaintFlowTest
class DepartmentTaskNameTest {

    private static final String PROBE = "name-probe-department-handling";
    private static final String BEFORE_LABEL = "name=\"处理投诉（${departmentPlan.label(department)}）\"";

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired TaskService tasks;
    @Autowired HistoryService history;
    @Autowired TestScenarios scenarios;
    @Autowired ModelMigrator migrator;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @Test
    void theModelSaysHandleTheComplaintAndTheTaskNamesItsDepartmentAlsoAfterAWait() {
        String caseNumber = scenarios.routine("delivery");
        Task task = scenarios.departmentTask(caseNumber, "logistics");
        assertThat(repository.getBpmnModelInstance(task.getProcessDefinitionId())
                .getModelElementById("Task_HandleComplaint").getAttributeValue("name")).isEqualTo("处理投诉");
        assertThat(task.getName()).isEqualTo("处理投诉（物流部）");

        scenarios.complete(task, "logistics", Map.of("outcome", "need-info", "waitReason", "请客户提供快递单号"));
        scenarios.complete(scenarios.task(caseNumber, "Task_AwaitInformation"), "logistics",
                Map.of("customerInfo", "SF1234567890"));
        Task again = scenarios.departmentTask(caseNumber, "logistics");
        assertThat(again.getId()).isNotEqualTo(task.getId());
        assertThat(again.getName()).as("named once, not 处理投诉（物流部）（物流部）").isEqualTo("处理投诉（物流部）");

        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .taskDefinitionKey("Task_HandleComplaint").list()).as("history keeps the names Tasklist showed")
                .extracting(HistoricTaskInstance::getName).containsExactly("处理投诉（物流部）", "处理投诉（物流部）");
    }

    @Test
    void aPartOfTheVersionBeforeMovesKeepsItsTaskNameAndNamesItsNextTaskOnce() throws IOException {
        String current = Files.readString(Path.of("processes/department-handling.bpmn"));
        assertThat(current).doesNotContain(BEFORE_LABEL).contains("name=\"处理投诉\"");
        DeploymentWithDefinitions before = deploy("before", current.replace("name=\"处理投诉\"", BEFORE_LABEL));
        DeploymentWithDefinitions after = null;
        try {
            String caseNumber = scenarios.routine("delivery");
            ProcessInstance part = runtime.startProcessInstanceById(definition(before), caseNumber,
                    Map.of(ComplaintProcess.DEPARTMENT, "legal", "departmentSla", "P3D"));
            Task first = probeTask(part);
            assertThat(first.getName()).isEqualTo("处理投诉（法务部）");

            after = deploy("after", current);
            List<DefinitionMigration> migrations = migrator.migrateTo(after);
            assertThat(migrations).filteredOn(m -> m.processKey().equals(PROBE)).singleElement()
                    .satisfies(m -> assertThat(m.migrated()).isOne());
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(part.getId()).singleResult()
                    .getProcessDefinitionId()).isEqualTo(definition(after));
            assertThat(probeTask(part).getName()).as("an open task keeps its name").isEqualTo("处理投诉（法务部）");

            scenarios.complete(probeTask(part), "legal", Map.of("outcome", "need-info", "waitReason", "请提供合同编号"));
            scenarios.complete(tasks.createTaskQuery().processInstanceId(part.getId()).singleResult(), "legal",
                    Map.of("customerInfo", "HT-2026-001"));
            Task next = probeTask(part);
            assertThat(next.getName()).isEqualTo("处理投诉（法务部）");

            scenarios.complete(next, "legal", HandlerForms.proposal("按合同条款补偿", 80, "policy"));
            assertThat(part).isEnded().hasPassed("EndEvent_ResolutionProposed");
        } finally {
            repository.deleteDeployment(before.getId(), true, true);
            if (after != null) {
                repository.deleteDeployment(after.getId(), true, true);
            }
        }
    }

    private Task probeTask(ProcessInstance part) {
        return tasks.createTaskQuery().processInstanceId(part.getId()).taskDefinitionKey("Task_HandleComplaint")
                .singleResult();
    }

    private DeploymentWithDefinitions deploy(String name, String bpmn) throws IOException {
        return repository.createDeployment().name("department-name-probe-" + name)
                .addString("department-handling.bpmn", bpmn
                        .replace("id=\"department-handling\"", "id=\"" + PROBE + "\"")
                        .replace("bpmnElement=\"department-handling\"", "bpmnElement=\"" + PROBE + "\""))
                .addString("department-handling.form", Files.readString(Path.of("forms/department-handling.form")))
                .addString("await-information.form", Files.readString(Path.of("forms/await-information.form")))
                .deployWithResult();
    }

    private static String definition(DeploymentWithDefinitions deployment) {
        return deployment.getDeployedProcessDefinitions().stream().filter(d -> d.getKey().equals(PROBE)).findFirst()
                .orElseThrow().getId();
    }
}
