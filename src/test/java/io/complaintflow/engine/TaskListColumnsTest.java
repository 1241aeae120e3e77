package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;

/** A department task's list columns come from the record; the record's source is looked up once, not per task. */
class TaskListColumnsTest {

    @Test
    void theColumnsComeFromTheRecordAndItsSourceIsResolvedOnce() {
        AtomicInteger lookups = new AtomicInteger();
        RecordColumns record = new RecordColumns() {
            @Override
            public boolean reads(String processDefinitionKey) {
                return true;
            }

            @Override
            public Map<String, Object> columns(String processDefinitionKey, String businessKey) {
                return Map.of("caseNumber", businessKey, "grade", "G1", "category", "DELIVERY", "channel", "hotline");
            }
        };
        ObjectProvider<RecordColumns> provider = new ObjectProvider<>() {
            @Override
            public RecordColumns getObject(Object... args) {
                return getObject();
            }

            @Override
            public RecordColumns getIfAvailable() {
                lookups.incrementAndGet();
                return record;
            }

            @Override
            public RecordColumns getIfUnique() {
                return getIfAvailable();
            }

            @Override
            public RecordColumns getObject() {
                return getIfAvailable();
            }
        };
        TaskListColumns columns = new TaskListColumns(provider);

        DelegateTask first = departmentTask("CMP-1");
        DelegateTask second = departmentTask("CMP-2");
        columns.copy(first);
        columns.copy(second);

        verify(first).setVariableLocal("listCaseNumber", "CMP-1");
        verify(second).setVariableLocal("listCaseNumber", "CMP-2");
        verify(second).setVariableLocal("listGrade", "G1");
        assertThat(lookups).as("the source looked up once for both tasks").hasValue(1);
    }

    private static DelegateTask departmentTask(String caseNumber) {
        DelegateTask task = mock(DelegateTask.class);
        ExecutionEntity execution = mock(ExecutionEntity.class);
        ProcessDefinitionEntity definition = mock(ProcessDefinitionEntity.class);
        when(definition.getKey()).thenReturn("department-handling");
        when(execution.getProcessDefinition()).thenReturn(definition);
        when(execution.getProcessBusinessKey()).thenReturn(caseNumber);
        when(task.getExecution()).thenReturn(execution);
        return task;
    }
}
