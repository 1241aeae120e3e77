package io.complaintflow.resolution;

import static io.complaintflow.complaint.ComplaintProcess.*;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.CaseFileAdapter;
import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Records whether the customer accepts the answer; a rejection needs the customer's own words, an acceptance (the
 * case closes) the root cause, responsible department and whether it was preventable.
 */
@PublishedForModels
@Component("customerResponded")
class CustomerResponseListener implements TaskListener {

    static final String ACCEPT = "accept";
    static final String REJECT = "reject";

    private final ResolutionService resolution;
    private final Actors actors;
    private final ClosureCauses closure;
    private final CaseFileAdapter caseFile;

    CustomerResponseListener(ResolutionService resolution, Actors actors, ClosureCauses closure,
                             CaseFileAdapter caseFile) {
        this.resolution = resolution;
        this.actors = actors;
        this.closure = closure;
        this.caseFile = caseFile;
    }

    @Override
    public void notify(DelegateTask task) {
        String caseNumber = task.getExecution().getBusinessKey();
        String decision = FormValues.requiredText(task.getVariable(CUSTOMER_DECISION), "客户意见");
        if (ACCEPT.equals(decision)) {
            closure.record(caseNumber, ClosureFormAdapter.read(closure, task));
            resolution.customerAccepted(caseNumber, FormValues.text(task.getVariable(CUSTOMER_WORDS)),
                    actors.of(task.getAssignee()));
        } else if (REJECT.equals(decision)) {
            var rejection = resolution.customerRejected(caseNumber,
                    FormValues.requiredText(task.getVariable(CUSTOMER_WORDS), "客户原话"), actors.of(task.getAssignee()));
            task.setVariable(REJECTION_COUNT, rejection.count());
            task.setVariable(DEPARTMENTS, FormValues.jsonList(rejection.departments()));
        } else {
            throw FormValues.invalid("客户意见须为 accept 或 reject");
        }
        caseFile.refresh(caseNumber, task);
    }
}
