package io.complaintflow.callback;

import static io.complaintflow.complaint.ComplaintProcess.DEPARTMENTS;
import static io.complaintflow.complaint.ComplaintProcess.RESOLVED_AT_INTAKE;
import static io.complaintflow.complaint.ComplaintProcess.REVIEW_REQUIRED;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.CaseFileAdapter;
import io.complaintflow.engine.FormValues;
import io.complaintflow.engine.ModelGeneration;
import io.complaintflow.modelpolicy.PublishedForModels;
import io.complaintflow.resolution.ResolutionService;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineService;
import io.complaintflow.sla.DeadlineTimers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Reopens an unsatisfied case and hands it back to the center, proposing the departments that worked on it. */
@PublishedForModels
@Component("reopenComplaint")
class ReopenComplaintDelegate implements JavaDelegate {

    private final CallbackService callbacks;
    private final ResolutionService resolution;
    private final DeadlineService deadlines;
    private final CaseFileAdapter caseFile;

    ReopenComplaintDelegate(CallbackService callbacks, ResolutionService resolution, DeadlineService deadlines,
                            CaseFileAdapter caseFile) {
        this.callbacks = callbacks;
        this.resolution = resolution;
        this.deadlines = deadlines;
        this.caseFile = caseFile;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseNumber = execution.getBusinessKey();
        callbacks.reopen(caseNumber, Actors.SYSTEM);
        caseFile.refresh(caseNumber, execution);
        execution.setVariable(DEPARTMENTS, FormValues.jsonList(resolution.involvedDepartments(caseNumber)));
        // back through the center's review, never straight to confirmation, and against a fresh resolution deadline
        ModelGeneration.decide(execution, RESOLVED_AT_INTAKE, false);
        ModelGeneration.decide(execution, REVIEW_REQUIRED, true);
        deadlines.find(caseNumber, Deadline.RESOLUTION).ifPresent(old -> {
            Deadline fresh = deadlines.start(caseNumber, Deadline.RESOLUTION, old.durationSpec());
            if (ModelGeneration.boundaryTimers(execution)) {
                execution.setVariables(DeadlineTimers.points(fresh, "resolution"));
            }
        });
    }
}
