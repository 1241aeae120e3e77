package io.complaintflow.sla;

import static io.complaintflow.complaint.ComplaintProcess.DEPARTMENT;

import io.complaintflow.engine.ModelGeneration;
import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Before the department's task: starts the department's clock when the department takes the case up. Generation 1
 * (boundary timers) also comes back here from waiting for the customer or an appraisal, keeps the resumed clock,
 * whose deadline has moved, and hands its points to the timers.
 */
@PublishedForModels
@Component("departmentClock")
class DepartmentClockDelegate implements JavaDelegate {

    static final String STARTED = "departmentClockStarted";
    static final String SLA = "departmentSla";

    private final ClockService clocks;

    DepartmentClockDelegate(ClockService clocks) {
        this.clocks = clocks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseNumber = execution.getBusinessKey();
        String name = Clock.department((String) execution.getVariable(DEPARTMENT));
        if (!ModelGeneration.boundaryTimers(execution)) {
            clocks.start(caseNumber, name, departmentSla(execution));
            return;
        }
        Clock clock = Boolean.TRUE.equals(execution.getVariable(STARTED))
                ? clocks.find(caseNumber, name).orElseThrow()
                : clocks.start(caseNumber, name, (String) execution.getVariable("departmentSla"));
        execution.setVariable(STARTED, true);
        execution.setVariables(ClockTimers.points(clock, "department"));
    }

    /**
     * The department's time from complaint-sla, kept by the lifecycle: read from the calling lifecycle, not copied into
     * each department's part (parts started before the copy was dropped still have their own).
     */
    static String departmentSla(DelegateExecution execution) {
        Object own = execution.getVariable(SLA);
        if (own != null) {
            return (String) own;
        }
        DelegateExecution caller = execution.getProcessInstance().getSuperExecution();
        return caller == null ? null : (String) caller.getVariable(SLA);
    }
}
