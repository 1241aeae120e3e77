package io.complaintflow.crisis;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The commander did not acknowledge in time: calls the next level. */
@PublishedForModels
@Component("crisisCallNextLevel")
public class CallNextCommandLevelDelegate implements JavaDelegate {

    private final CrisisService crises;

    public CallNextCommandLevelDelegate(CrisisService crises) {
        this.crises = crises;
    }

    @Override
    public void execute(DelegateExecution execution) {
        crises.callNextLevel(execution);
    }
}
