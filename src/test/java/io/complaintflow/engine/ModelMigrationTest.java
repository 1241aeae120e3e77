package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.complaintflow.ComplaintFlowTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A process owner changes a model and publishes it: running instances move to the new version where every
 * activity they are in still exists, the others stay and are reported. A probe process of its own keeps the
 * lifecycle models of the shared context untouched.
 */
@ComplaintFlowTest
class ModelMigrationTest {

    private static final String KEY = "migration-probe";

    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ModelMigrator migrator;
    @Autowired MockMvc mvc;

    @Test
    void runningInstancesMoveToTheNewVersionWhereTheyCanAndTheOthersAreReported(@TempDir Path root) throws Exception {
        Path processes = Files.createDirectories(root.resolve("processes"));
        Path model = processes.resolve("migration-probe.bpmn");
        Files.writeString(model, probe("""
                <bpmn:userTask id="Task_First" name="第一步" />
                <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_First" targetRef="Task_Second" />
                <bpmn:userTask id="Task_Second" name="第二步" />
                <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Second" targetRef="EndEvent_Probe" />"""));
        ModelPublisher publisher = new ModelPublisher(
                new FileSystemDeployer(repository, processes, root.resolve("forms"), KEY), migrator);
        assertThat(publisher.publish().migrations()).as("first version: nothing to migrate").isEmpty();

        ProcessInstance atFirst = runtime.startProcessInstanceByKey(KEY, "MIG-1");
        ProcessInstance atSecond = runtime.startProcessInstanceByKey(KEY, "MIG-2");
        tasks.complete(tasks.createTaskQuery().processInstanceId(atSecond.getId()).singleResult().getId());
        String v1 = atFirst.getProcessDefinitionId();

        // version 2: the first step is renamed and followed by a review; the second step is gone
        Files.writeString(model, probe("""
                <bpmn:userTask id="Task_First" name="第一步（新版）" />
                <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_First" targetRef="Task_Review" />
                <bpmn:userTask id="Task_Review" name="复核" />
                <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Review" targetRef="EndEvent_Probe" />"""));
        var publication = publisher.publish();

        String v2 = repository.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion()
                .singleResult().getId();
        assertThat(v2).isNotEqualTo(v1);
        assertThat(publication.migrations()).singleElement().satisfies(migration -> {
            assertThat(migration.processKey()).isEqualTo(KEY);
            assertThat(migration.fromVersion()).isEqualTo(1);
            assertThat(migration.toVersion()).isEqualTo(2);
            assertThat(migration.migrated()).isEqualTo(1);
            assertThat(migration.notMigrated()).singleElement().satisfies(issue -> {
                assertThat(issue.processInstanceId()).isEqualTo(atSecond.getId());
                assertThat(issue.businessKey()).isEqualTo("MIG-2");
                assertThat(issue.reason()).contains("Task_Second");
            });
        });

        assertThat(definitionOf(atFirst)).as("migrated").isEqualTo(v2);
        var task = tasks.createTaskQuery().processInstanceId(atFirst.getId()).singleResult();
        assertThat(task.getProcessDefinitionId()).as("the open task moved too (it keeps its name)").isEqualTo(v2);
        tasks.complete(task.getId());
        assertThat(tasks.createTaskQuery().processInstanceId(atFirst.getId()).singleResult().getTaskDefinitionKey())
                .as("the migrated instance follows the new model").isEqualTo("Task_Review");
        assertThat(definitionOf(atSecond)).as("refused, stays on version 1").isEqualTo(v1);

        mvc.perform(get("/api/models/migration-report"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.issues[?(@.processKey == '%s')].processInstanceId", KEY)
                        .value(atSecond.getId()))
                .andExpect(jsonPath("$.behindLatest[?(@.processKey == '%s')].runningInstances", KEY).value(1));

        runtime.deleteProcessInstance(atSecond.getId(), "test done");
        assertThat(migrator.status().issues()).as("an ended instance is no longer reported")
                .noneMatch(issue -> issue.processKey().equals(KEY));
    }

    private String definitionOf(ProcessInstance instance) {
        return runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
                .getProcessDefinitionId();
    }

    private static String probe(String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_MigrationProbe"
                    targetNamespace="probe">
                  <bpmn:process id="migration-probe" isExecutable="true" camunda:historyTimeToLive="1">
                    <bpmn:startEvent id="StartEvent_Probe" />
                    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Probe" targetRef="Task_First" />
                    %s
                    <bpmn:endEvent id="EndEvent_Probe" />
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(body);
    }
}
