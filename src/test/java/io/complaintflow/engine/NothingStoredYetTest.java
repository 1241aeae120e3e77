package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The stored variables of a task the running command created are none, answered without reading the table; a task
 * the database holds has its variables read as before.
 */
@ComplaintFlowTest
class NothingStoredYetTest {

    @Autowired ProcessEngine engine;
    @Autowired TaskService tasks;

    @Test
    void aTaskCreatedInThisCommandHasNoStoredVariablesToReadAStoredTaskHasItsOwn() {
        Task stored = tasks.newTask("task-of-nothing-stored-yet-test");
        tasks.saveTask(stored);
        try {
            tasks.setVariableLocal(stored.getId(), "listGrade", "G2");
            List<List<String>> found = new ArrayList<>();
            ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                    .execute(context -> {
                        found.add(names(context.getVariableInstanceManager()
                                .findVariableInstancesByTaskId(stored.getId())));
                        // the same id as a task this command has only just created: its stored variables are not read
                        context.getDbEntityManager().getDbEntityCache().remove(
                                context.getDbEntityManager().selectById(TaskEntity.class, stored.getId()));
                        TaskEntity created = new TaskEntity();
                        created.setId(stored.getId());
                        context.getDbEntityManager().insert(created);
                        found.add(names(context.getVariableInstanceManager()
                                .findVariableInstancesByTaskId(stored.getId())));
                        context.getDbEntityManager().getDbEntityCache().remove(created); // nothing of it stored
                        return null;
                    });
            assertThat(found.get(0)).as("a stored task: its variables are read").containsExactly("listGrade");
            assertThat(found.get(1)).as("a task this command created: none, not read").isEmpty();
        } finally {
            tasks.deleteTask(stored.getId(), true);
        }
    }

    private static List<String> names(List<VariableInstanceEntity> variables) {
        return variables.stream().map(VariableInstanceEntity::getName).toList();
    }
}
