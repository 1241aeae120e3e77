package io.complaintflow.crisis;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Hands the crisis review over to PDCA and ends the crisis. */
@PublishedForModels
@Component("crisisHandOver")
class HandOverCrisisDelegate implements JavaDelegate {

    private final CrisisService crises;
    private final CrisisFormsAdapter forms;

    HandOverCrisisDelegate(CrisisService crises, CrisisFormsAdapter forms) {
        this.crises = crises;
        this.forms = forms;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long id = CrisisFormsAdapter.crisisId(execution);
        crises.handOver(id, (String) execution.getVariable(CrisisTaskListener.FINDINGS),
                (String) execution.getVariable(CrisisTaskListener.IMPROVEMENTS));
        forms.refresh(id, execution);
    }
}
