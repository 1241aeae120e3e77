package io.complaintflow.formguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.complaintflow.ComplaintFlowTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A task's form bound to its deployment is read once per node and deployment: a later submission is checked against
 * the same form, and a task of a newer deployment against the newer form of the same key, whichever was read first.
 */
@ComplaintFlowTest
class FormsByDeploymentTest {

    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired FormService forms;
    @Autowired IdentityService identity;

    private final String key = "probe-form-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> deployments = new java.util.ArrayList<>();

    @AfterEach
    void cleanUp() {
        identity.clearAuthentication();
        deployments.forEach(d -> repository.deleteDeployment(d, true));
    }

    @Test
    void eachDeploymentsTasksAreCheckedAgainstThatDeploymentsForm() {
        String first = deploy("note");
        String firstTask = start();
        String secondFirstTask = start();
        String second = deploy("remark");
        String secondTask = start();
        assertThat(first).isNotEqualTo(second);

        identity.setAuthentication("demo", List.of("camunda-admin"));
        // read and remembered with the first submission; the second of that deployment is checked against it
        assertThatThrownBy(() -> forms.submitTaskForm(firstTask, Map.of("remark", "x")))
                .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("remark");
        assertThatThrownBy(() -> forms.submitTaskForm(secondFirstTask, Map.of("remark", "x")))
                .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("remark");
        // the newer deployment's form of the same key, not the one remembered
        forms.submitTaskForm(secondTask, Map.of("remark", "x"));
        assertThatThrownBy(() -> forms.submitTaskForm(secondFirstTask, Map.of("remark", "y")))
                .isInstanceOf(FormFieldValidationException.class);
        forms.submitTaskForm(firstTask, Map.of("note", "x"));
        forms.submitTaskForm(secondFirstTask, Map.of("note", "y"));
        assertThat(tasks.createTaskQuery().processDefinitionKey(key).count()).isZero();
    }

    private String deploy(String field) {
        String form = """
                {"schemaVersion": 16, "id": "%s", "type": "default", "components": [
                  {"type": "textfield", "key": "%s", "label": "说明", "id": "Field_1"}]}""".formatted(key, field);
        String id = repository.createDeployment().name(key)
                .addModelInstance(key + ".bpmn", Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                        .startEvent().userTask("Task_Probe").camundaFormRef(key).camundaFormRefBinding("deployment")
                        .endEvent().done())
                .addString(key + ".form", form).deploy().getId();
        deployments.add(id);
        return id;
    }

    private String start() {
        String instance = runtime.startProcessInstanceByKey(key).getId();
        return tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
    }
}
