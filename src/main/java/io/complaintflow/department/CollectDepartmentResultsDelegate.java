package io.complaintflow.department;

import static io.complaintflow.complaint.ComplaintProcess.*;

import io.complaintflow.engine.FormValues;
import io.complaintflow.engine.ModelGeneration;
import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After every department has answered: route back to the center if one said "not ours", else draft the answer.
 * Generation 2 runs it as the start listener of the gateway "有部门退回？", which decides on {@code anyTransferred}.
 */
@PublishedForModels
@Component("collectDepartmentResults")
class CollectDepartmentResultsDelegate implements JavaDelegate, ExecutionListener {

    private final DepartmentService departments;

    CollectDepartmentResultsDelegate(DepartmentService departments) {
        this.departments = departments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var results = departments.results(execution.getBusinessKey(),
                FormValues.codes(execution.getVariable(DEPARTMENTS)));
        ModelGeneration.decide(execution, ANY_TRANSFERRED, results.anyTransferred());
        if (results.anyTransferred()) {
            // the center picks who handles it instead; departments that proposed keep their proposals
            execution.setVariable(DEPARTMENTS, FormValues.jsonList(java.util.List.of()));
        }
        execution.setVariable(ANSWER, results.draftAnswer());
        execution.setVariable("compensation", results.compensation().signum() == 0 ? null
                : results.compensation().doubleValue());
    }

    @Override
    public void notify(DelegateExecution execution) {
        execute(execution);
    }
}
