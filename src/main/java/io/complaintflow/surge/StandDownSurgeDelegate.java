package io.complaintflow.surge;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Ends the activation and tells every called roster. */
@PublishedForModels
@Component("surgeStandDown")
public class StandDownSurgeDelegate implements JavaDelegate {

    private final SurgeService surges;

    public StandDownSurgeDelegate(SurgeService surges) {
        this.surges = surges;
    }

    @Override
    public void execute(DelegateExecution execution) {
        surges.standDown(execution);
    }
}
