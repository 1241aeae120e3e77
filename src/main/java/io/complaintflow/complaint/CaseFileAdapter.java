package io.complaintflow.complaint;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * Writes the variables a complaint's task forms need into the scope a step runs in, each only when its value changed
 * (an unchanged value writes no row and no history). Other processes of the case keep theirs.
 */
@Component
public class CaseFileAdapter {

    private final CaseFileVariables caseFile;

    public CaseFileAdapter(CaseFileVariables caseFile) {
        this.caseFile = caseFile;
    }

    /**
     * After a step of a model deployed before the 参考 section ({@link CaseFileModels#readsReference}): its forms show
     * the answer script as a variable, kept current as before, and the root-cause options. For the models after it, and
     * every process they start, nothing: their forms point to the 案卷 tab, and the closure's tasks take their options
     * when they are created ({@link #options}).
     */
    public void refresh(String caseNumber, VariableScope current) {
        DelegateExecution execution = executionOf(current);
        if (execution == null
                || !CaseFileModels.readsReference(execution.getProcessDefinitionId(), execution::getBpmnModelInstance)) {
            write(caseFile.render(caseNumber), current);
        }
    }

    /** The select options of the task's form (the closure's root causes), as the taxonomy is now. */
    public void options(DelegateTask task) {
        write(caseFile.options(), task);
    }

    private static void write(Map<String, Object> variables, VariableScope current) {
        variables.forEach((name, value) -> {
            if (!sameValue(current.getVariable(name), value)) {
                current.setVariable(name, value);
            }
        });
    }

    private static DelegateExecution executionOf(VariableScope scope) {
        if (scope instanceof DelegateTask task) {
            return task.getExecution();
        }
        return scope instanceof DelegateExecution execution ? execution : null;
    }

    private static boolean sameValue(Object stored, Object fresh) {
        Object value = fresh instanceof TypedValue typed ? typed.getValue() : fresh;
        if (stored == null || value == null) {
            return stored == value;
        }
        // JSON (Spin) values compare by their text
        return stored.equals(value) || stored.toString().equals(value.toString());
    }
}
