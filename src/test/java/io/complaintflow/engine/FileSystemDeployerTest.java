package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.complaintflow.ComplaintFlowTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@ComplaintFlowTest
class FileSystemDeployerTest {

    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired FormService formService;
    @Autowired FileSystemDeployer deployer;
    @Autowired MockMvc mvc;

    @Test
    void theApplicationDeploysModelsAndFormsTogetherNamedRelativeToTheirFolders() {
        var definition = repository.createProcessDefinitionQuery().processDefinitionKey("complaint-handling")
                .latestVersion().singleResult();
        List<String> names = repository.getDeploymentResources(definition.getDeploymentId()).stream()
                .map(Resource::getName).toList();

        assertThat(names).contains("complaint-handling.bpmn", "department-handling.bpmn", "complaint-grading.dmn",
                "complaint-routing.dmn", "triage-review.form", "department-handling.form");
        assertThat(names).allSatisfy(name -> assertThat(name).doesNotStartWith("/").doesNotContain(":"));
    }

    @Test
    void redeployingUnchangedFilesCreatesNoNewDeployment() throws Exception {
        long before = repository.createDeploymentQuery().count();
        mvc.perform(post("/api/models/redeploy"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.changed").value(false));
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(before);
    }

    @Test
    void aChangedFileIsPublishedAndNewInstancesUseItsFormsFromSubfolders(@TempDir Path root) throws Exception {
        Path processes = Files.createDirectories(root.resolve("processes"));
        Path forms = Files.createDirectories(root.resolve("forms/probe"));
        Files.writeString(processes.resolve("probe.bpmn"), probeModel("探针任务"));
        Files.writeString(forms.resolve("probe-form.form"), """
                {"id":"probe-form","type":"default","schemaVersion":16,"components":[]}""");
        FileSystemDeployer probe = new FileSystemDeployer(repository, processes, root.resolve("forms"), "probe");

        var first = probe.deploy();
        assertThat(repository.getDeploymentResourceNames(first.getId()))
                .containsExactlyInAnyOrder("probe.bpmn", "probe/probe-form.form");
        assertThat(probe.deploy().getId()).as("nothing changed").isEqualTo(first.getId());

        Files.writeString(processes.resolve("probe.bpmn"), probeModel("探针任务（新版）"));
        var second = probe.deploy();
        assertThat(second.getId()).isNotEqualTo(first.getId());
        assertThat(repository.getDeploymentResourceNames(second.getId())).contains("probe/probe-form.form");

        runtime.startProcessInstanceByKey("deployer-probe");
        var task = tasks.createTaskQuery().processDefinitionKey("deployer-probe").singleResult();
        assertThat(task.getName()).isEqualTo("探针任务（新版）");
        assertThat(formService.getDeployedTaskForm(task.getId())).isNotNull();
    }

    private static String probeModel(String taskName) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Probe" targetNamespace="probe">
                  <bpmn:process id="deployer-probe" isExecutable="true" camunda:historyTimeToLive="1">
                    <bpmn:startEvent id="StartEvent_Probe" />
                    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Probe" targetRef="Task_Probe" />
                    <bpmn:userTask id="Task_Probe" name="%s" camunda:formRef="probe-form"
                        camunda:formRefBinding="deployment" />
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(taskName);
    }
}
