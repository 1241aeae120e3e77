package io.complaintflow.callback;

import static io.complaintflow.complaint.ComplaintProcess.DEPARTMENTS;

import io.complaintflow.complaint.Actors;
import io.complaintflow.engine.FormValues;
import io.complaintflow.resolution.ResolutionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Reopens an unsatisfied case and hands it back to the center, proposing the departments that worked on it. */
@Component("reopenComplaint")
public class ReopenComplaintDelegate implements JavaDelegate {

    private final CallbackService callbacks;
    private final ResolutionService resolution;

    public ReopenComplaintDelegate(CallbackService callbacks, ResolutionService resolution) {
        this.callbacks = callbacks;
        this.resolution = resolution;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseNumber = execution.getBusinessKey();
        callbacks.reopen(caseNumber, Actors.SYSTEM, execution);
        execution.setVariable(DEPARTMENTS, FormValues.jsonList(resolution.involvedDepartments(caseNumber)));
    }
}
