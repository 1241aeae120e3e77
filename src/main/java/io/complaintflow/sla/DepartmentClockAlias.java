package io.complaintflow.sla;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The bean name department-handling used before deadlines stopped being called clocks (issue 21):
 * {@code ${departmentClock}}. Versions deployed before then — generation 1 above all, whose instances are not migrated
 * and run to their end on their version — still call it; it does what {@code ${departmentDeadline}} does. Remove it
 * when no instance of such a version is left (Cockpit: process definitions of department-handling with running
 * instances whose XML names {@code departmentClock}).
 */
@PublishedForModels
@Component("departmentClock")
class DepartmentClockAlias implements JavaDelegate {

    private final DepartmentDeadlineDelegate delegate;

    DepartmentClockAlias(DepartmentDeadlineDelegate delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(DelegateExecution execution) {
        delegate.execute(execution);
    }
}
