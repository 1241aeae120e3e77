package io.complaintflow.resolution;

import org.camunda.bpm.engine.delegate.VariableScope;

/** The closure's fields as the closing forms (customer accepts, manager's final answer) submit them. */
final class ClosureFormAdapter {

    private ClosureFormAdapter() {
    }

    static ClosureCause read(ClosureCauses causes, VariableScope form) {
        return causes.read(form.getVariable(ClosureCause.ROOT_CAUSE), form.getVariable(ClosureCause.DEPARTMENT),
                form.getVariable(ClosureCause.PREVENTABLE));
    }
}
