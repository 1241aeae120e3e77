package io.complaintflow.complaint;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/** Writes the case file's variables ({@link CaseFileVariables#render}) into the scope a step runs in. */
@Component
public class CaseFileAdapter {

    private final CaseFileVariables caseFile;

    public CaseFileAdapter(CaseFileVariables caseFile) {
        this.caseFile = caseFile;
    }

    /**
     * Gives {@code current}, the scope being executed (a new department part, a task, a crisis), the variables its forms
     * need, writing only those whose value changed (an unchanged value writes no row and no history). Other processes
     * of the case keep theirs: nothing of a step's outcome is copied into them.
     */
    public void refresh(String caseNumber, VariableScope current) {
        caseFile.render(caseNumber).forEach((name, value) -> {
            if (!sameValue(current.getVariable(name), value)) {
                current.setVariable(name, value);
            }
        });
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
