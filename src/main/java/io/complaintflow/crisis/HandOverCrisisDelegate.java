package io.complaintflow.crisis;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Hands the crisis review over to PDCA and ends the crisis. */
@PublishedForModels
@Component("crisisHandOver")
public class HandOverCrisisDelegate implements JavaDelegate {

    private final CrisisService crises;

    public HandOverCrisisDelegate(CrisisService crises) {
        this.crises = crises;
    }

    @Override
    public void execute(DelegateExecution execution) {
        crises.handOver(execution);
    }
}
