package io.complaintflow.sla;

import io.complaintflow.modelpolicy.PublishedForModels;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Expressions of the models for deadlines: a task's due date is its deadline's current target, read from the deadline
 * (not copied into variables), and the name of a department's deadline for the ladder that watches it.
 */
@PublishedForModels
@Component("deadlines")
public class DeadlineDatesAdapter {

    private final DeadlineRepository deadlines;

    public DeadlineDatesAdapter(DeadlineRepository deadlines) {
        this.deadlines = deadlines;
    }

    /** The target of the case's deadline; {@code department}: the deadline of this instance's department. */
    public Date due(DelegateExecution execution, String deadline) {
        String name = "department".equals(deadline) ? department((String) execution.getVariable("department")) : deadline;
        return deadlines.find(execution.getBusinessKey(), name).map(c -> Date.from(c.targetAt())).orElse(null);
    }

    public String department(String department) {
        return Deadline.department(department);
    }
}
