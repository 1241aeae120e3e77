package io.complaintflow.sla;

import static io.complaintflow.complaint.ComplaintProcess.DEPARTMENT;

import io.complaintflow.engine.ModelGeneration;
import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Before the department's task: starts the department's deadline when the department takes the case up. Generation 1
 * (boundary timers) also comes back here from waiting for the customer or an appraisal, keeps the resumed deadline,
 * whose deadline has moved, and hands its points to the timers.
 */
@PublishedForModels
@Component("departmentDeadline")
class DepartmentDeadlineDelegate implements JavaDelegate {

    static final String STARTED = "departmentClockStarted";
    static final String SLA = "departmentSla";

    private final DeadlineService deadlines;

    DepartmentDeadlineDelegate(DeadlineService deadlines) {
        this.deadlines = deadlines;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseNumber = execution.getBusinessKey();
        String name = Deadline.department((String) execution.getVariable(DEPARTMENT));
        if (!ModelGeneration.boundaryTimers(execution)) {
            deadlines.start(caseNumber, name, departmentSla(execution));
            return;
        }
        Deadline deadline = Boolean.TRUE.equals(execution.getVariable(STARTED))
                ? deadlines.find(caseNumber, name).orElseThrow()
                : deadlines.start(caseNumber, name, (String) execution.getVariable("departmentSla"));
        execution.setVariable(STARTED, true);
        execution.setVariables(DeadlineTimers.points(deadline, "department"));
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
