package io.complaintflow.sla;

import static io.complaintflow.complaint.ComplaintProcess.DEPARTMENT;

import io.complaintflow.engine.ModelGeneration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Before the department's task: starts the department's clock when the department takes the case up. Generation 1
 * (boundary timers) also comes back here from waiting for the customer or an appraisal, keeps the resumed clock,
 * whose deadline has moved, and hands its points to the timers.
 */
@Component("departmentClock")
public class DepartmentClockDelegate implements JavaDelegate {

    static final String STARTED = "departmentClockStarted";

    private final ClockService clocks;

    public DepartmentClockDelegate(ClockService clocks) {
        this.clocks = clocks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseNumber = execution.getBusinessKey();
        String name = Clock.department((String) execution.getVariable(DEPARTMENT));
        if (!ModelGeneration.boundaryTimers(execution)) {
            clocks.start(caseNumber, name, (String) execution.getVariable("departmentSla"));
            return;
        }
        Clock clock = Boolean.TRUE.equals(execution.getVariable(STARTED))
                ? clocks.find(caseNumber, name).orElseThrow()
                : clocks.start(caseNumber, name, (String) execution.getVariable("departmentSla"));
        execution.setVariable(STARTED, true);
        ClockTimers.expose(clock, "department", execution);
    }
}
