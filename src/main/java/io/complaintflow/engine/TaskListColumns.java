package io.complaintflow.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Copies the complaint's case number, grade, category and channel onto every new user task as task-local
 * variables under their own names, for Tasklist's list columns. With authorizations on, a department may read
 * its task but not the whole process instance, and Tasklist shows only variables the user may read.
 * Separate names (not {@code grade} itself) because a form that submits {@code grade} would otherwise write
 * into the task's copy instead of the process.
 * <p>
 * A process that holds no copy of a column (the department part reads its complaint from the record since issue #19)
 * gets the missing values from {@link RecordColumns}, by the process's business key; one that holds them (the
 * lifecycle, a department part of generation 2) is not read again.
 */
@Component
public class TaskListColumns extends AbstractProcessEnginePlugin {

    /** Process variable → task-local column variable. */
    public static final Map<String, String> COLUMNS = columns();

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String name : List.of("caseNumber", "grade", "category", "channel")) {
            columns.put(name, "list" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
        }
        return columns;
    }

    private final ObjectProvider<RecordColumns> records;
    /** The provider's bean once found: resolving it is Spring's dependency lookup, per department task otherwise. */
    private volatile RecordColumns source;

    public TaskListColumns(ObjectProvider<RecordColumns> records) {
        this.records = records;
    }

    void copy(DelegateTask task) {
        Map<String, Object> fromRecord = null;
        for (Map.Entry<String, String> column : COLUMNS.entrySet()) {
            Object value = task.getVariable(column.getKey());
            if (value == null) {
                if (fromRecord == null) {
                    fromRecord = fromRecord(task);
                }
                value = fromRecord.get(column.getKey());
            }
            if (value != null) {
                task.setVariableLocal(column.getValue(), value);
            }
        }
    }

    private Map<String, Object> fromRecord(DelegateTask task) {
        RecordColumns source = this.source;
        if (source == null) {
            source = records.getIfAvailable();
            this.source = source;
        }
        if (source == null || !(task.getExecution() instanceof ExecutionEntity execution)
                || execution.getProcessDefinition() == null) {
            return Map.of();
        }
        return source.columns(execution.getProcessDefinition().getKey(), execution.getProcessBusinessKey());
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                RecordColumns source = records.getIfAvailable();
                if (source != null && scope.getProcessDefinition() instanceof ProcessDefinitionEntity process
                        && source.reads(process.getKey())) {
                    // before the model's own listeners: a department task's listener writes the complaint's status,
                    // after which the row would be read again; before it, the listener's own read is this one
                    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, TaskListColumns.this::copy);
                } else {
                    definition.addTaskListener(TaskListener.EVENTNAME_CREATE, TaskListColumns.this::copy);
                }
            }
        });
    }
}
