package io.complaintflow.crisis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.CaseFileModels;
import io.complaintflow.complaint.Grade;
import io.complaintflow.engine.DefinitionMigration;
import io.complaintflow.engine.ModelMigrator;
import io.complaintflow.pdca.PdcaCaseFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * crisis-response says {@code complaintflow.caseFile=reference}: its forms never showed the answer script, similar
 * complaints or the closure's options, so its steps write none of them (the complaint is read in the 案卷 tab). A crisis
 * of the version before, whose steps rendered them, moves to the new version and from then on writes them no more.
 */
@ComplaintFlowTest
class CrisisCaseFileTest {

    private static final String PROBE = "casefile-probe-crisis-response";
    private static final String PROPERTY =
            "<bpmn:extensionElements><camunda:properties><camunda:property name=\"complaintflow.caseFile\" "
                    + "value=\"reference\" /></camunda:properties></bpmn:extensionElements>";
    private static final String[] COPIES = {PdcaCaseFile.SCRIPT, "similarComplaints", PdcaCaseFile.ROOT_CAUSE_OPTIONS};

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired TaskService tasks;
    @Autowired TestScenarios scenarios;
    @Autowired Crises crises;
    @Autowired ModelMigrator migrator;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @Test
    void aComplaintsCrisisWritesNoCopyOfTheCaseFile() {
        String caseNumber = scenarios.file(TestScenarios.request("app", "product-quality", "热水器漏电",
                "再不处理就找记者曝光"));
        assertThat(scenarios.complaint(caseNumber).grade()).isEqualTo(Grade.G4);
        Crisis crisis = crises.forCase(caseNumber).orElseThrow();
        ProcessInstance response = runtime.createProcessInstanceQuery().processInstanceId(crisis.processInstanceId())
                .singleResult();
        try {
            assertThat(CaseFileModels.readsReference(repository.getBpmnModelInstance(response.getProcessDefinitionId())))
                    .isTrue();
            assertThat(runtime.getVariables(response.getId())).as("after the crisis opened")
                    .containsKey(CrisisProcess.SUMMARY).doesNotContainKeys(COPIES);

            scenarios.complete(task(response, "Task_AcknowledgeCommand"), "commander", Map.of("commandNote", "已接管"));
            scenarios.complete(task(response, "Task_DraftStatement"), "pr", Map.of("statement", "我们高度重视……"));

            assertThat(runtime.getVariables(response.getId())).as("after two steps")
                    .containsKey(CrisisProcess.SUMMARY).doesNotContainKeys(COPIES);
            assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
                    .processInstanceId(response.getId()).variableNameIn(COPIES).count()).isZero();
        } finally {
            runtime.deleteProcessInstanceIfExists(response.getId(), "test cleanup", true, true, true, false);
        }
    }

    @Test
    void aCrisisOfTheVersionBeforeMovesAndStopsWritingTheCopies() throws IOException {
        String current = Files.readString(Path.of("processes/crisis-response.bpmn"));
        assertThat(current).contains(PROPERTY);
        DeploymentWithDefinitions before = deploy("before", current.replace(PROPERTY, ""));
        DeploymentWithDefinitions after = null;
        try {
            String caseNumber = scenarios.routine("delivery");
            ProcessInstance response = runtime.createProcessInstanceById(definition(before)).businessKey(caseNumber)
                    .setVariables(Variables.createVariables().putValue(CrisisProcess.SOURCE, Crisis.COMPLAINT)
                            .putValue(CrisisProcess.CASE_NUMBER, caseNumber).putValue(CrisisProcess.INITIATOR, "system"))
                    .execute();
            assertThat(runtime.getVariables(response.getId())).as("the version before renders them")
                    .containsKeys(PdcaCaseFile.SCRIPT, PdcaCaseFile.ROOT_CAUSE_OPTIONS);

            runtime.setVariable(response.getId(), PdcaCaseFile.SCRIPT, "旧口径");
            after = deploy("after", current);
            List<DefinitionMigration> migrations = migrator.migrateTo(after);
            assertThat(migrations).filteredOn(m -> m.processKey().equals(PROBE)).singleElement()
                    .satisfies(m -> assertThat(m.migrated()).isOne());
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(response.getId()).singleResult()
                    .getProcessDefinitionId()).isEqualTo(definition(after));

            scenarios.complete(task(response, "Task_AcknowledgeCommand"), "commander", Map.of("commandNote", "已接管"));

            assertThat(runtime.getVariable(response.getId(), PdcaCaseFile.SCRIPT))
                    .as("the copy it holds, not rendered again").isEqualTo("旧口径");
            assertThat(response).isWaitingAt("Task_DraftStatement", "Task_ContactCustomer", "Task_LogRegulatorLiaison");
        } finally {
            repository.deleteDeployment(before.getId(), true, true);
            if (after != null) {
                repository.deleteDeployment(after.getId(), true, true);
            }
        }
    }

    private Task task(ProcessInstance response, String key) {
        return tasks.createTaskQuery().processInstanceId(response.getId()).taskDefinitionKey(key).singleResult();
    }

    private DeploymentWithDefinitions deploy(String name, String bpmn) throws IOException {
        DeploymentBuilder deployment = repository.createDeployment().name("crisis-casefile-probe-" + name)
                .addString("crisis-response.bpmn", bpmn.replace("id=\"crisis-response\"", "id=\"" + PROBE + "\"")
                        .replace("bpmnElement=\"crisis-response\"", "bpmnElement=\"" + PROBE + "\""));
        try (var forms = Files.list(Path.of("forms"))) {
            for (Path form : forms.filter(f -> f.getFileName().toString().startsWith("crisis-")).toList()) {
                deployment.addString(form.getFileName().toString(), Files.readString(form));
            }
        }
        return deployment.deployWithResult();
    }

    private static String definition(DeploymentWithDefinitions deployment) {
        return deployment.getDeployedProcessDefinitions().stream().filter(d -> d.getKey().equals(PROBE)).findFirst()
                .orElseThrow().getId();
    }
}
