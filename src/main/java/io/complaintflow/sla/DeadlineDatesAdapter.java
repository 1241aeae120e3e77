package io.complaintflow.sla;

import io.complaintflow.modelpolicy.PublishedForModels;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Expressions of the models for deadlines: a task's due date is its clock's current target, read from the clock
 * (not copied into variables), and the name of a department's clock for the ladder that watches it.
 */
@PublishedForModels
@Component("deadlines")
public class DeadlineDatesAdapter {

    private final ClockRepository clocks;

    public DeadlineDatesAdapter(ClockRepository clocks) {
        this.clocks = clocks;
    }

    /** The target of the case's clock; {@code department}: the clock of this instance's department. */
    public Date due(DelegateExecution execution, String clock) {
        String name = "department".equals(clock) ? department((String) execution.getVariable("department")) : clock;
        return clocks.find(execution.getBusinessKey(), name).map(c -> Date.from(c.targetAt())).orElse(null);
    }

    public String department(String department) {
        return Clock.department(department);
    }
}
