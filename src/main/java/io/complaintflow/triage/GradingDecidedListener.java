package io.complaintflow.triage;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * After complaint-grading: its result ({@code decisionResult}, which the engine keeps in memory only) becomes
 * {@code gradingResult} for complaint-routing and the triage — transient as well.
 */
@PublishedForModels
@Component("gradingDecided")
class GradingDecidedListener implements ExecutionListener {

    public static final String GRADING_RESULT = "gradingResult";

    @Override
    public void notify(DelegateExecution execution) {
        DmnDecisionResult result = (DmnDecisionResult) execution.getVariableLocal("decisionResult");
        DecisionInputsListener.transientValue(execution, GRADING_RESULT, result.getSingleResult().getEntryMap());
    }
}
