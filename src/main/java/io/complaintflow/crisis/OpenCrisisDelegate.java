package io.complaintflow.crisis;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records the crisis and calls the emergency group's commander. */
@PublishedForModels
@Component("crisisOpen")
public class OpenCrisisDelegate implements JavaDelegate {

    private final CrisisService crises;

    public OpenCrisisDelegate(CrisisService crises) {
        this.crises = crises;
    }

    @Override
    public void execute(DelegateExecution execution) {
        crises.open(execution);
    }
}
